// The channel side of the process, written once for Teams and Slack: linking a channel to its role,
// the co-thinkers' post with their opinion (checklist, recommendation, argumentation, or a reply in
// the post's thread) and its summary, and the steering committee's poll (JAH / JAH, KUI / EI, a
// changed vote counts the last; the chair closes it). The cards in the channels are drawn by the
// outbox dispatchers from the views exported here (pollView, coThinkerPostView, coThinkerSummaryView).
import { z } from 'zod';
import type { RefusalInfo } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import { idField } from '../../workflow/text.ts';
import { RECOMMENDATIONS, VOTE_CHOICES } from '../../workflow/transitions/committee.ts';
import { done, notice, show, type Args, type Flow, type FlowContext, type Reply } from '../conversation/flow.ts';
import type { Inputs } from '../conversation/inputs.ts';
import { divider, facts, heading, input, text, type Button, type Part, type View } from '../conversation/view.ts';
import { channelTargets } from '../channel-targets.ts';
import type { Intent } from '../intents.ts';
import type { PollState } from '../poll-state.ts';
import { refusalText } from '../refusal-text.ts';
import { fieldValue, proposalView, shorten, type ProposalData } from '../views.ts';

/** The co-thinkers' checklist (kontroll-leht, PROCESS.md stage 2 step 2): optional answers beside the recommendation. */
export const CHECKLIST = ['legislation', 'strategyFit', 'risks', 'feasibility'] as const;

type AgendaItem = NonNullable<Awaited<ReturnType<Queries['agenda']>>>['items'][number];

const decisionText = (locale: Locale, d: CommitteeDecision) => t(locale, `decision.${d}` as MessageKey);
const recommendationText = (locale: Locale, r: string) => t(locale, `recommendation.${r}` as MessageKey);

/** Each field's problem in the reader's language, by field. */
function fieldErrors(locale: Locale, r: RefusalInfo): Record<string, string> {
  return Object.fromEntries(Object.entries(r.fieldErrors).map(([f, e]) => [f, t(locale, e.key, e.params)]));
}
const hasFieldErrors = (r: RefusalInfo) => Object.keys(r.fieldErrors).length > 0;

function readArgs<S extends z.ZodRawShape>(args: Args, shape: S): z.output<z.ZodObject<S>> | null {
  const parsed = z.object(shape).safeParse(args);
  return parsed.success ? parsed.data : null;
}
const unreadable = (ctx: FlowContext) => notice(t(ctx.person.locale, 'slack.unreadable'));
/** The day the opinions are due, carried by the post's buttons so that the way back shows it again. */
const dueArg = z.string().max(40).optional();

// ---- linking a channel

export function linkChannelView(dir: Directory, locale: Locale, error?: string): View {
  return {
    title: t(locale, 'channel.linkTitle'),
    parts: [
      heading(t(locale, 'channel.linkTitle')),
      text(t(locale, 'channel.linkIntro')),
      input({
        kind: 'multiChoice',
        id: 'target',
        label: t(locale, 'channel.linkFunction'),
        required: true,
        choices: channelTargets(dir, locale).map((c) => ({ value: c.value, label: c.title })),
        ...(error ? { error } : {}),
      }),
    ],
    submit: { label: t(locale, 'channel.link'), action: 'channel.link', style: 'primary' },
  };
}

/**
 * Typed "seo kanal" (or /portfell seo) shows the roles to choose; with roles chosen (the form, or
 * "/portfell seo <role>") the channel is linked. Only in a channel: the wiring says which one.
 */
async function link(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  if (!ctx.channel) return notice(t(locale, 'committee.link.notInChannel'));
  // A role typed with the command comes as an argument; the form's choices as its input.
  const typed = typeof args.target === 'string' && args.target ? args.target.split(',') : null;
  if (!typed && !inputs.has('target')) return show(linkChannelView(ctx.dir, locale));
  const roles = typed ?? inputs.list('target');
  if (roles.length === 0) return show(linkChannelView(ctx.dir, locale, t(locale, 'field.required')));
  const r = await ctx.engine.run({
    command: 'linkChannel',
    actorId: ctx.person.id,
    input: { platform: ctx.platform, roles, reference: ctx.channel },
    platform: ctx.platform,
    deliveryKey: ctx.key,
  });
  if (!r.ok) return notice(refusalText(locale, r.refusal));
  const titles = channelTargets(ctx.dir, locale);
  const what = r.value.roles.map((c) => titles.find((k) => k.value === c)?.title ?? c).join('; ');
  return done(t(locale, 'committee.linked', { what }));
}

// ---- co-thinkers

/** The co-thinkers' post of one proposal in their channel: the proposal, the due date, "Give opinion". */
export function coThinkerPostView(dir: Directory, locale: Locale, p: ProposalData, dueAt: Date | null): View {
  const v = proposalView(dir, locale, p);
  const due = dueAt ? dueAt.toISOString() : undefined;
  return {
    title: t(locale, 'opinion.title', { number: p.number }),
    parts: [
      heading(t(locale, 'opinion.title', { number: p.number })),
      text(`${v.title} — ${v.submitter}`, { strong: true }),
      facts(v.fields),
      ...(dueAt ? [text(t(locale, 'opinion.due', { date: formatDate(dueAt) }), { strong: true })] : []),
    ],
    buttons: [
      {
        label: t(locale, 'opinion.give'),
        action: 'opinion.show',
        args: { proposalId: p.id, ...(due ? { due } : {}) },
        style: 'primary',
      },
    ],
  };
}

type OpinionValues = Partial<Record<(typeof CHECKLIST)[number] | 'recommendation' | 'argumentation', string>>;

/** The opinion: the checklist, the recommendation and its argumentation (what was given before, to change). */
export function opinionFormView(
  locale: Locale,
  p: { id: string; number: number; title: string | null },
  o: { due?: string | undefined; values?: OpinionValues; errors?: Record<string, string> } = {},
): View {
  const value = (id: keyof OpinionValues) => (o.values?.[id] ? { value: o.values[id] } : {});
  const error = (id: string) => (o.errors?.[id] ? { error: o.errors[id] } : {});
  const args = { proposalId: p.id, ...(o.due ? { due: o.due } : {}) };
  return {
    title: t(locale, 'opinion.give'),
    parts: [
      heading(t(locale, 'opinion.title', { number: p.number })),
      text(p.title ?? '—', { strong: true }),
      text(t(locale, 'committee.opinion.intro')),
      ...CHECKLIST.map((c) =>
        input({
          kind: 'text',
          id: c,
          label: t(locale, `checklist.${c}` as MessageKey),
          multiline: true,
          maxLength: 2000,
          ...value(c),
          ...error(c),
        }),
      ),
      input({
        kind: 'choice',
        id: 'recommendation',
        label: t(locale, 'opinion.recommendation'),
        required: true,
        choices: RECOMMENDATIONS.map((r) => ({ value: r, label: recommendationText(locale, r) })),
        ...value('recommendation'),
        ...error('recommendation'),
      }),
      input({
        kind: 'text',
        id: 'argumentation',
        label: t(locale, 'opinion.argumentation'),
        multiline: true,
        required: true,
        maxLength: 4000,
        ...value('argumentation'),
        ...error('argumentation'),
      }),
    ],
    buttons: [{ label: t(locale, 'button.back'), action: 'opinion.post', args }],
    submit: { label: t(locale, 'opinion.send'), action: 'opinion.give', args, style: 'primary' },
  };
}

/** After the opinion is saved: what was given, and the way to change it while the round is open. */
function opinionSavedView(
  locale: Locale,
  p: { id: string; number: number; title: string | null },
  given: { recommendation: string; argumentation: string },
  due: string | undefined,
): View {
  return {
    title: t(locale, 'opinion.give'),
    parts: [
      heading(t(locale, 'opinion.title', { number: p.number })),
      text(p.title ?? '—', { strong: true }),
      text(t(locale, 'opinion.saved', { number: p.number }), { tone: 'good' }),
      facts([
        { label: t(locale, 'opinion.recommendation'), value: recommendationText(locale, given.recommendation) },
        { label: t(locale, 'opinion.argumentation'), value: given.argumentation },
      ]),
    ],
    buttons: [
      {
        label: t(locale, 'committee.opinion.change'),
        action: 'opinion.show',
        args: { proposalId: p.id, ...(due ? { due } : {}) },
      },
    ],
  };
}

/** The co-thinkers' summary, posted in each proposal's thread when the round closes. */
export function coThinkerSummaryView(dir: Directory, locale: Locale, item: AgendaItem): View {
  const name = (id: string) => dir.people.get(id)?.name ?? id;
  const { proposal, coThinkers: s } = item;
  const parts: Part[] = [
    heading(t(locale, 'opinion.summaryTitle', { number: proposal.number })),
    text(proposal.title ?? '—', { strong: true }),
    facts(RECOMMENDATIONS.map((r) => ({ label: recommendationText(locale, r), value: String(s.counts[r] ?? 0) }))),
  ];
  for (const o of s.opinions) {
    parts.push(
      divider,
      text(
        `${name(o.personId)} — ${o.recommendation ? recommendationText(locale, o.recommendation) : t(locale, 'opinion.replyOnly')}`,
        { strong: true },
      ),
    );
    if (o.argumentation) parts.push(text(o.argumentation));
    const answered = CHECKLIST.filter((c) => o.checklist[c]);
    if (answered.length)
      parts.push(
        facts(answered.map((c) => ({ label: t(locale, `checklist.${c}` as MessageKey), value: o.checklist[c]! }))),
      );
    for (const r of o.replies) parts.push(text(`💬 ${r.text}`));
  }
  if (s.notAnswered.length)
    parts.push(text(t(locale, 'opinion.notAnswered', { names: s.notAnswered.map(name).join(', ') }), { subtle: true }));
  return { title: t(locale, 'opinion.summaryTitle', { number: proposal.number }), parts };
}

const proposalArgs = { proposalId: idField(), due: dueArg };

async function opinionShow(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = readArgs(args, proposalArgs);
  if (!a) return unreadable(ctx);
  const p = await ctx.queries.proposal(ctx.person.id, a.proposalId);
  if (!p) return unreadable(ctx);
  const mine = await ctx.queries.myOpinion(ctx.person.id, p.id);
  const values: OpinionValues = {};
  if (mine.given)
    for (const k of [...CHECKLIST, 'recommendation', 'argumentation'] as const) if (mine[k]) values[k] = mine[k]!;
  return show(opinionFormView(ctx.person.locale, p, { due: a.due, values }));
}

async function opinionPost(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = readArgs(args, proposalArgs);
  if (!a) return unreadable(ctx);
  const p = await ctx.queries.proposal(ctx.person.id, a.proposalId);
  if (!p) return unreadable(ctx);
  const due = a.due && !Number.isNaN(Date.parse(a.due)) ? new Date(a.due) : null;
  return show(coThinkerPostView(ctx.dir, ctx.person.locale, p, due));
}

async function opinionGive(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  const a = readArgs(args, proposalArgs);
  if (!a) return unreadable(ctx);
  const values: OpinionValues = {};
  for (const k of [...CHECKLIST, 'recommendation', 'argumentation'] as const)
    if (inputs.text(k).trim()) values[k] = inputs.text(k);
  // "Saved" goes through the outbox with the opinion, where the person gave it (on both platforms).
  const r = await ctx.engine.run({
    command: 'giveOpinion',
    actorId: ctx.person.id,
    input: { proposalId: a.proposalId, ...values },
    platform: ctx.platform,
    deliveryKey: ctx.key,
    replies: () => [{ audience: ctx.replyTo, payload: { kind: 'opinionSaved', proposalId: a.proposalId } }],
  });
  if (!r.ok && !hasFieldErrors(r.refusal)) return notice(refusalText(locale, r.refusal));
  const p = await ctx.queries.proposal(ctx.person.id, a.proposalId);
  if (!p) return unreadable(ctx);
  if (!r.ok) {
    const errors = fieldErrors(locale, r.refusal);
    // A required answer left out is "required", whatever the schema calls a missing choice.
    for (const k of ['recommendation', 'argumentation'] as const)
      if (errors[k] && !values[k]) errors[k] = t(locale, 'field.required');
    return show(opinionFormView(locale, p, { due: a.due, values, errors }));
  }
  const given = { recommendation: values.recommendation ?? '', argumentation: values.argumentation ?? '' };
  return done(t(locale, 'opinion.saved', { number: p.number }), opinionSavedView(locale, p, given, a.due));
}

/**
 * A reply in a co-thinker post's thread, on either platform: recorded as (part of) the person's
 * opinion on that proposal, the thanks sent through the outbox to `ctx.replyTo` (once, after the
 * change). Returns what to answer at once: nothing (null), or why it was not recorded.
 */
export async function opinionFromThreadReply(
  ctx: FlowContext,
  proposalId: string,
  reply: string,
): Promise<string | null> {
  const r = await ctx.engine.run({
    command: 'replyOpinion',
    actorId: ctx.person.id,
    input: { proposalId, text: reply },
    platform: ctx.platform,
    deliveryKey: ctx.key,
    replies: () => [{ audience: ctx.replyTo, payload: { kind: 'opinionSaved', proposalId } }],
  });
  return r.ok ? null : refusalText(ctx.person.locale, r.refusal);
}

// ---- the steering committee's poll

/** The poll as the committee's channel shows it: the tally, the votes' buttons, or the decision. */
export function pollView(
  dir: Directory,
  locale: Locale,
  p: ProposalData,
  poll: PollState,
  myVote?: CommitteeDecision | null,
): View {
  const v = proposalView(dir, locale, p);
  const tl = poll.tally;
  const parts: Part[] = [
    heading(t(locale, 'poll.title', { number: p.number })),
    text(`${v.title} — ${v.service}`, { strong: true }),
    facts(
      (['expectedResult', 'budgetEur', 'fundingSource'] as const).map((f) => ({
        label: t(locale, `form.${f}`),
        value: shorten(locale, fieldValue(dir, locale, p, f)),
      })),
    ),
    text(
      t(locale, 'poll.tally', {
        yes: tl.YES,
        yesIf: tl.YES_IF,
        no: tl.NO,
        majority: tl.majority ? decisionText(locale, tl.majority) : '—',
      }),
      { strong: true },
    ),
  ];
  if (myVote) parts.push(text(t(locale, 'poll.myVote', { vote: decisionText(locale, myVote) }), { tone: 'good' }));
  const title = t(locale, 'poll.title', { number: p.number });
  if (poll.status === 'closed' && poll.decision) {
    parts.push(
      text(t(locale, 'poll.decided', { decision: decisionText(locale, poll.decision) }), {
        strong: true,
        tone: poll.decision === 'NO' ? 'attention' : 'good',
      }),
    );
    if (poll.reason) parts.push(text(t(locale, 'poll.reason', { reason: poll.reason })));
    for (const c of poll.conditions) parts.push(text(`☐ ${c}`));
    return { title, parts };
  }
  const id = { pollId: poll.pollId };
  return {
    title,
    parts,
    buttons: [
      { label: decisionText(locale, 'YES'), action: 'poll.vote', args: { ...id, choice: 'YES' }, style: 'primary' },
      { label: decisionText(locale, 'YES_IF'), action: 'poll.yesIf', args: id },
      { label: decisionText(locale, 'NO'), action: 'poll.vote', args: { ...id, choice: 'NO' }, style: 'danger' },
      { label: t(locale, 'poll.closeMenu'), action: 'poll.closeForm', args: id },
    ],
  };
}

const back = (locale: Locale, pollId: string): Button => ({
  label: t(locale, 'button.back'),
  action: 'poll.show',
  args: { pollId },
});

/** JAH, KUI: the conditions under which the member supports it. */
export function yesIfView(
  locale: Locale,
  number: number,
  pollId: string,
  o: { value?: string; error?: string } = {},
): View {
  return {
    title: decisionText(locale, 'YES_IF'),
    parts: [
      heading(t(locale, 'poll.title', { number })),
      text(t(locale, 'committee.yesIf.intro')),
      input({
        kind: 'text',
        id: 'conditions',
        label: t(locale, 'poll.conditions'),
        multiline: true,
        required: true,
        maxLength: 2000,
        ...(o.value ? { value: o.value } : {}),
        ...(o.error ? { error: o.error } : {}),
      }),
    ],
    buttons: [back(locale, pollId)],
    submit: {
      label: t(locale, 'committee.yesIf.send'),
      action: 'poll.vote',
      args: { pollId, choice: 'YES_IF' },
      style: 'primary',
    },
  };
}

/** The chair closes the poll: the decision (the majority unless changed, with a reason), conditions. */
export function closeView(
  locale: Locale,
  number: number,
  poll: PollState,
  o: { values?: Record<string, string>; errors?: Record<string, string> } = {},
): View {
  const err = (id: string) => (o.errors?.[id] ? { error: o.errors[id] } : {});
  const val = (id: string) => (o.values?.[id] ? { value: o.values[id] } : {});
  const majority = poll.tally.majority;
  return {
    title: t(locale, 'poll.close'),
    parts: [
      heading(t(locale, 'poll.title', { number })),
      text(
        t(locale, 'poll.tally', {
          yes: poll.tally.YES,
          yesIf: poll.tally.YES_IF,
          no: poll.tally.NO,
          majority: majority ? decisionText(locale, majority) : '—',
        }),
        { strong: true },
      ),
      input({
        kind: 'choice',
        id: 'decision',
        label: t(locale, 'poll.decision'),
        required: !majority,
        choices: VOTE_CHOICES.map((d) => ({ value: d, label: decisionText(locale, d) })),
        ...(o.values?.decision ? { value: o.values.decision } : majority ? { value: majority } : {}),
        ...err('decision'),
      }),
      input({
        kind: 'text',
        id: 'reason',
        label: t(locale, 'poll.reasonLabel'),
        multiline: true,
        maxLength: 2000,
        ...val('reason'),
        ...err('reason'),
      }),
      input({
        kind: 'text',
        id: 'conditions',
        label: t(locale, 'poll.conditions'),
        hint: t(locale, 'committee.close.conditionsHint'),
        multiline: true,
        maxLength: 2000,
        ...val('conditions'),
        ...err('conditions'),
      }),
    ],
    buttons: [back(locale, poll.pollId)],
    submit: { label: t(locale, 'poll.close'), action: 'poll.close', args: { pollId: poll.pollId }, style: 'danger' },
  };
}

const pollArgs = { pollId: idField() };

async function pollWithProposal(ctx: FlowContext, pollId: string) {
  const poll = await ctx.queries.poll(ctx.person.id, pollId);
  const p = poll && (await ctx.queries.proposal(ctx.person.id, poll.proposalId));
  return poll && p ? { poll, p } : null;
}

/** The poll with the reader's own vote (shown only to them). */
async function myPollView(ctx: FlowContext, pollId: string, mine?: CommitteeDecision): Promise<View | null> {
  const found = await pollWithProposal(ctx, pollId);
  if (!found) return null;
  const own = mine ?? found.poll.votes.find((v) => v.personId === ctx.person.id)?.choice ?? null;
  return pollView(ctx.dir, ctx.person.locale, found.p, found.poll, own);
}

async function pollVote(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  const a = readArgs(args, { ...pollArgs, choice: z.enum(VOTE_CHOICES) });
  if (!a) return unreadable(ctx);
  const conditions = inputs.text('conditions');
  const r = await ctx.engine.run({
    command: 'vote',
    actorId: ctx.person.id,
    input: a.choice === 'YES_IF' ? { pollId: a.pollId, choice: a.choice, conditions } : a,
    platform: ctx.platform,
    deliveryKey: ctx.key,
  });
  if (!r.ok) {
    if (a.choice === 'YES_IF' && hasFieldErrors(r.refusal)) {
      const found = await pollWithProposal(ctx, a.pollId);
      if (found)
        return show(
          yesIfView(locale, found.p.number, a.pollId, {
            value: conditions,
            error: fieldErrors(locale, r.refusal).conditions ?? refusalText(locale, r.refusal),
          }),
        );
    }
    return notice(refusalText(locale, r.refusal));
  }
  const voted = t(locale, 'slack.voted', { vote: decisionText(locale, a.choice) });
  // A button on the shared card: the card is redrawn for everyone by the outbox; the voter is told.
  if (a.choice !== 'YES_IF') return notice(voted);
  // The JAH, KUI form: it shows the poll again, with the voter's own vote.
  const view = await myPollView(ctx, a.pollId, a.choice);
  return done(voted, view ?? undefined);
}

async function pollYesIf(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = readArgs(args, pollArgs);
  if (!a) return unreadable(ctx);
  const found = await pollWithProposal(ctx, a.pollId);
  if (!found) return unreadable(ctx);
  if (found.poll.status !== 'open') return notice(t(ctx.person.locale, 'refusal.pollClosed'));
  const mine = found.poll.votes.find((v) => v.personId === ctx.person.id);
  return show(
    yesIfView(ctx.person.locale, found.p.number, a.pollId, {
      ...(mine?.choice === 'YES_IF' && mine.conditions ? { value: mine.conditions } : {}),
    }),
  );
}

async function pollShow(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = readArgs(args, pollArgs);
  const view = a && (await myPollView(ctx, a.pollId));
  return view ? show(view) : unreadable(ctx);
}

async function pollCloseForm(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = readArgs(args, pollArgs);
  if (!a) return unreadable(ctx);
  const found = await pollWithProposal(ctx, a.pollId);
  if (!found) return unreadable(ctx);
  if (found.poll.status !== 'open') return show(pollView(ctx.dir, ctx.person.locale, found.p, found.poll));
  return show(closeView(ctx.person.locale, found.p.number, found.poll));
}

async function pollClose(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  const a = readArgs(args, pollArgs);
  if (!a) return unreadable(ctx);
  const values = {
    decision: inputs.text('decision'),
    reason: inputs.text('reason'),
    conditions: inputs.text('conditions'),
  };
  const conditions = values.conditions
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const input: Record<string, unknown> = { pollId: a.pollId };
  if (values.decision) input.decision = values.decision;
  if (values.reason.trim()) input.reason = values.reason;
  if (conditions.length) input.conditions = conditions;
  const r = await ctx.engine.run({
    command: 'closePoll',
    actorId: ctx.person.id,
    input,
    platform: ctx.platform,
    deliveryKey: ctx.key,
  });
  if (!r.ok) {
    const found = hasFieldErrors(r.refusal) ? await pollWithProposal(ctx, a.pollId) : null;
    if (found && found.poll.status === 'open')
      return show(closeView(locale, found.p.number, found.poll, { values, errors: fieldErrors(locale, r.refusal) }));
    return notice(refusalText(locale, r.refusal));
  }
  const view = await myPollView(ctx, a.pollId);
  return done(t(locale, 'poll.decided', { decision: decisionText(locale, r.value.decision) }), view ?? undefined);
}

export const committeeFlows: Flow[] = [
  { id: 'channel.link', run: link },
  { id: 'opinion.show', opensForm: true, run: opinionShow },
  { id: 'opinion.post', run: opinionPost },
  { id: 'opinion.give', run: opinionGive },
  { id: 'poll.vote', run: pollVote },
  { id: 'poll.yesIf', opensForm: true, run: pollYesIf },
  { id: 'poll.show', run: pollShow },
  { id: 'poll.closeForm', opensForm: true, run: pollCloseForm },
  { id: 'poll.close', run: pollClose },
];

export const committeeIntents: Partial<Record<Intent, string>> = {
  linkChannel: 'channel.link',
};
