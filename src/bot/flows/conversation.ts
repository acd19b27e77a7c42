// Help and "waiting for me": what a person can do, by their roles, and what waits for them, each
// with the button that does it. Written once for Teams and Slack.
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import {
  agreerFor,
  isBoardMember,
  isCoThinker,
  isCommitteeMember,
  isPortfolioManager,
  type Directory,
  type Locale,
} from '../../workflow/directory.ts';
import { show, type Flow, type FlowContext } from '../conversation/flow.ts';
import { buttons, heading, text, type Button, type Part, type View } from '../conversation/view.ts';
import type { Intent } from '../intents.ts';
import { submitterButton } from './proposals.ts';

/** The person's roles in the process, named in their language. */
export function rolesOf(dir: Directory, personId: string, locale: Locale): string[] {
  const roles: string[] = [];
  const services = [...dir.services.values()].filter((s) => agreerFor(s)?.personId === personId);
  if (services.length)
    roles.push(t(locale, 'conversation.role.agreer', { services: services.map((s) => s.name[locale]).join(', ') }));
  for (const i of dir.institutions.values())
    if (isBoardMember(dir, personId, i.id))
      roles.push(t(locale, 'conversation.role.board', { name: i.boardName[locale] }));
  for (const d of dir.domains.values()) {
    if (isCommitteeMember(dir, personId, d.id))
      roles.push(t(locale, 'conversation.role.committee', { name: d.committeeName[locale] }));
    if (isCoThinker(dir, personId, d.id))
      roles.push(t(locale, 'conversation.role.coThinker', { name: d.name[locale] }));
  }
  if (isPortfolioManager(dir, personId)) roles.push(t(locale, 'conversation.role.portfolioManager'));
  return roles;
}

const go = (locale: Locale, key: MessageKey, action: string, style?: 'primary'): Button => ({
  label: t(locale, key),
  action,
  ...(style ? { style } : {}),
});

/** The buttons every help and every dead end offers: start, continue, look around. */
export function startButtons(dir: Directory, personId: string, locale: Locale): Button[] {
  const list = [
    go(locale, 'button.newIdea', 'proposal.new', 'primary'),
    go(locale, 'button.continueDraft', 'proposal.continue'),
    go(locale, 'button.myProposals', 'proposal.mine'),
    go(locale, 'conversation.button.waiting', 'waiting'),
    go(locale, 'button.calendar', 'calendar.show'),
    go(locale, 'button.substitute', 'substitute.show'),
  ];
  if (isPortfolioManager(dir, personId))
    list.push(
      go(locale, 'conversation.button.desk', 'desk.show'),
      go(locale, 'conversation.button.portfolio', 'portfolio.show'),
    );
  return list;
}

export function helpView(dir: Directory, personId: string, locale: Locale, lead?: string): View {
  const roles = rolesOf(dir, personId, locale);
  const parts: Part[] = [heading(t(locale, 'help.title'))];
  if (lead) parts.push(text(lead, { tone: 'warning' }));
  parts.push(text(t(locale, 'help.body')));
  parts.push(
    text(
      roles.length ? t(locale, 'conversation.roles', { roles: roles.join('; ') }) : t(locale, 'conversation.noRoles'),
    ),
  );
  parts.push(text(t(locale, 'conversation.commands.everyone')));
  if (isPortfolioManager(dir, personId)) parts.push(text(t(locale, 'conversation.commands.manager')));
  return { title: t(locale, 'help.title'), parts, buttons: startButtons(dir, personId, locale) };
}

export async function waitingView(ctx: FlowContext): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const w = await ctx.queries.waitingFor(person.id, ctx.now());
  const line = (p: { number: number; title: string | null; status: string }) =>
    `${p.number}. ${p.title ?? '—'} — ${t(locale, `stage.${p.status}` as MessageKey)}`;
  const row = (
    p: { proposalId: string; number: number; title: string | null; status: string },
    what: string,
    b?: Button,
  ): Part[] => [
    text(line(p), { strong: true }),
    text(what, { subtle: true }),
    ...(b ? [buttons([{ ...b, args: { ...(b.args ?? {}), proposalId: p.proposalId } }])] : []),
  ];
  const parts: Part[] = [heading(t(locale, 'conversation.waiting.title'))];
  for (const p of w.agreements)
    parts.push(
      ...row(p, t(locale, 'conversation.waiting.agreement'), {
        label: t(locale, 'conversation.button.open'),
        action: 'agreement.show',
        style: 'primary',
      }),
    );
  for (const p of w.boardDecisions)
    parts.push(
      ...row(p, t(locale, 'conversation.waiting.board'), {
        label: t(locale, 'conversation.button.open'),
        action: 'board.show',
        style: 'primary',
      }),
    );
  for (const p of w.opinions)
    parts.push(
      ...row(p, t(locale, 'conversation.waiting.opinion', { due: formatDate(p.dueAt) }), {
        label: t(locale, 'opinion.give'),
        action: 'opinion.show',
        style: 'primary',
      }),
    );
  for (const p of w.votes)
    parts.push(
      ...row(p, t(locale, 'conversation.waiting.vote'), {
        label: t(locale, 'conversation.button.open'),
        action: 'poll.show',
        args: { pollId: p.pollId },
      }),
    );
  for (const p of w.toSchedule)
    parts.push(
      ...row(p, t(locale, 'conversation.waiting.schedule'), {
        label: t(locale, 'conversation.button.desk'),
        action: 'desk.show',
      }),
    );
  if (w.meetingRequests.length)
    parts.push(
      text(t(locale, 'conversation.waiting.requests', { count: w.meetingRequests.length }), { strong: true }),
      buttons([{ label: t(locale, 'conversation.button.desk'), action: 'desk.show' }]),
    );
  for (const p of w.myDrafts) {
    const next = submitterButton(locale, p);
    parts.push(...row(p, t(locale, `next.${p.status}` as MessageKey, { person: '', place: '' }), next ?? undefined));
  }
  if (parts.length === 1) parts.push(text(t(locale, 'conversation.waiting.none')));
  // A view has room for about 40 rows on both platforms; the rest is counted, not lost.
  const shown = parts.length > 121 ? [...parts.slice(0, 121), text(t(locale, 'conversation.waiting.more'))] : parts;
  return {
    title: t(locale, 'conversation.waiting.title'),
    parts: shown,
    buttons: startButtons(dir, person.id, locale).slice(0, 1),
  };
}

export const conversationFlows: Flow[] = [
  { id: 'help', run: async (ctx) => show(helpView(ctx.dir, ctx.person.id, ctx.person.locale)) },
  {
    id: 'help.unknown',
    run: async (ctx) =>
      show(helpView(ctx.dir, ctx.person.id, ctx.person.locale, t(ctx.person.locale, 'unknownCommand'))),
  },
  { id: 'waiting', run: async (ctx) => show(await waitingView(ctx)) },
];

export const conversationIntents: Partial<Record<Intent, string>> = {
  help: 'help',
  unknown: 'help.unknown',
  waiting: 'waiting',
};
