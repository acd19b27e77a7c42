// Who may give a command on a proposal: the transition table's roles resolved against the
// directory. Pure; the refusal names the role and the place ("only the service manager of X…").
import {
  agreerFor,
  isBoardMember,
  isCoThinker,
  isCommitteeChair,
  isCommitteeMember,
  isPortfolioManager,
  type Directory,
  type Text2,
} from './directory.ts';
import type { ProposalState } from './proposal.ts';
import { refuse } from './refusal.ts';
import { transitionFor, type ProposalCommand, type Role } from './stages.ts';
import type { Delegation } from './transitions/types.ts';

/** Roles a substitute may fill while someone is away; a vote and an opinion stay personal. */
export const DELEGABLE_ROLES: readonly Role[] = ['agreer', 'boardMember', 'committeeChair'];
/** Commands a substitute may give: decisions, never a vote, an opinion or someone's own draft. */
export const DELEGABLE_COMMANDS: readonly ProposalCommand[] = [
  'agree',
  'returnForChanges',
  'assess',
  'boardDecide',
  'openPoll',
  'closePoll',
];

export function holdsRole(dir: Directory, actorId: string, role: Role, p: ProposalState): boolean {
  switch (role) {
    case 'submitter':
      return p.submitterId === actorId;
    case 'agreer': {
      const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
      return !!service && agreerFor(service)?.personId === actorId;
    }
    case 'boardMember':
      return !!p.institutionId && isBoardMember(dir, actorId, p.institutionId);
    case 'portfolioManager':
      return isPortfolioManager(dir, actorId);
    case 'committeeChair':
      return !!p.domainId && isCommitteeChair(dir, actorId, p.domainId);
    case 'committeeMember':
      return !!p.domainId && isCommitteeMember(dir, actorId, p.domainId);
    case 'coThinker':
      return !!p.domainId && isCoThinker(dir, actorId, p.domainId);
  }
}

const NONE: Text2 = { et: '', en: '' };

function placeName(dir: Directory, role: Role, p: ProposalState): Text2 {
  if (role === 'agreer' || role === 'submitter') {
    return (p.serviceId && dir.services.get(p.serviceId)?.name) || NONE;
  }
  if (role === 'boardMember') return (p.institutionId && dir.institutions.get(p.institutionId)?.boardName) || NONE;
  if (role === 'portfolioManager') return NONE;
  return (p.domainId && dir.domains.get(p.domainId)?.committeeName) || NONE;
}

/**
 * Refuses unless the actor holds one of the command's roles for this proposal and the proposal is
 * in a stage the command starts from. Role first: a stranger learns nothing about the stage.
 */
export function authorize(
  dir: Directory,
  actorId: string,
  command: ProposalCommand,
  p: ProposalState,
  delegation?: Delegation,
): void {
  if (!dir.people.has(actorId)) refuse('refusal.unknownPerson');
  const t = transitionFor(command);
  // A substitute decides for the absent person, but never on a proposal of their own.
  const mayDelegate = DELEGABLE_COMMANDS.includes(command) && p.submitterId !== actorId;
  const actedFor = t.who.some((role) => holdsRole(dir, actorId, role, p))
    ? null
    : mayDelegate
      ? delegation?.standsInFor.find((absent) =>
          t.who.some((role) => DELEGABLE_ROLES.includes(role) && holdsRole(dir, absent, role, p)),
        )
      : undefined;
  if (actedFor === undefined) {
    const role = t.who[0]!;
    if (role === 'agreer') {
      const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
      const agreer = service ? agreerFor(service) : null;
      refuse(agreer?.role === 'policyManager' ? 'refusal.onlyPolicyManager' : 'refusal.onlyServiceManager', {
        service: placeName(dir, role, p),
        number: p.number,
      });
    }
    refuse(`refusal.only.${role}`, { place: placeName(dir, role, p), number: p.number });
  }
  if (actedFor && delegation) delegation.actedFor = actedFor;
  if (!(t.from as readonly string[]).includes(p.status)) {
    refuse('refusal.wrongStage', { number: p.number, stage: `@stage.${p.status}` });
  }
}
