// Linking a chat channel to its role in the process (an institution's board, a domain's committee
// or co-thinkers). Only the portfolio manager may; the roles come from the directory.
import { z } from 'zod';
import type { Directory, DomainId } from '../directory.ts';
import type { Audience } from '../outbox-messages.ts';
import { parseOrRefuse } from '../forms.ts';
import { refuse } from '../refusal.ts';
import { idField, jsonObjectField } from '../text.ts';
import { requirePortfolioManager } from './meetings.ts';
import type { Ctx } from './types.ts';

/** Every role a channel can have: "board:SKA", "committee:social", "coThinkers:health", … */
export function channelRoles(dir: Directory): string[] {
  return [
    ...[...dir.institutions.keys()].map((id) => `board:${id}`),
    ...[...dir.domains.keys()].map((id) => `committee:${id}`),
    ...[...dir.domains.keys()].map((id) => `coThinkers:${id}`),
  ];
}

/** The channel role an outbox audience is posted to, or null for people. */
export function channelRoleOf(a: Audience): string | null {
  if (a.kind === 'boardChannel') return `board:${a.institutionId}`;
  if (a.kind === 'committeeChannel') return `committee:${a.domainId}`;
  if (a.kind === 'coThinkersChannel') return `coThinkers:${a.domainId}`;
  return null;
}

/** The outbox audience posted to a channel of this role: the inverse of `channelRoleOf`. */
export function audienceOfRole(role: string): Audience | null {
  const [kind, id] = role.split(':');
  if (!id) return null;
  if (kind === 'board') return { kind: 'boardChannel', institutionId: id };
  if (kind === 'committee') return { kind: 'committeeChannel', domainId: id as DomainId };
  if (kind === 'coThinkers') return { kind: 'coThinkersChannel', domainId: id as DomainId };
  return null;
}

export const linkChannelSchema = z
  .object({
    platform: z.enum(['teams', 'slack']),
    roles: z.array(idField()).min(1).max(20),
    /** where the platform reaches the channel (its conversation reference) */
    reference: jsonObjectField(),
  })
  .strict();

export function linkChannel(input: unknown, ctx: Ctx) {
  requirePortfolioManager(ctx);
  const v = parseOrRefuse(linkChannelSchema, input);
  const known = new Set(channelRoles(ctx.dir));
  const unknown = v.roles.filter((r) => !known.has(r));
  if (unknown.length) refuse('refusal.unknownChannelRole', { roles: unknown.join(', '), known: [...known].join(', ') });
  return { ...v, roles: [...new Set(v.roles)] };
}
