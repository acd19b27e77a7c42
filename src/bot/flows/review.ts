// The review flows, written once for Teams and Slack: the agreement by the service manager (or the
// policy manager, or whoever stands in for them) and the institution board's assessment and decision.
// The request views are also what the outbox sends (`reviewPost`), so the direct message, the board
// channel's card and the flows show the same thing; after a decision each of them shows its outcome.
import { z } from 'zod';
import type { Queries } from '../../engine/queries.ts';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { agreerFor, type Directory, type Locale } from '../../workflow/directory.ts';
import type { Audience, OutboxMessageDraft, OutboxPayload } from '../../workflow/outbox-messages.ts';
import { SYSTEM } from '../../workflow/read-policy.ts';
import { Refusal, type FieldError } from '../../workflow/refusal.ts';
import type { RefusalInfo } from '../../engine/engine.ts';
import { idField } from '../../workflow/text.ts';
import { PRIORITIES, RATINGS } from '../../workflow/transitions/board.ts';
import { LIMITS } from '../../workflow/forms.ts';
import { done, notice, show, type Args, type Flow, type FlowContext, type Reply } from '../conversation/flow.ts';
import type { Inputs } from '../conversation/inputs.ts';
import { facts, heading, input, text, type Button, type Input, type Part, type View } from '../conversation/view.ts';
import type { Intent } from '../intents.ts';
import type { Notice } from '../notices.ts';
import { refusalText } from '../refusal-text.ts';
import { proposalView } from '../views.ts';

/** The four criteria of PROCESS.md stage 1 step 4, in the order the board assesses them. */
export const CRITERIA = ['expectedResult', 'impact', 'priorityFit', 'alternatives'] as const;
const DECISIONS = ['send', 'doNotSend', 'return'] as const;
type BoardChoice = (typeof DECISIONS)[number];
const BOARD_KINDS: Record<string, BoardChoice> = {
  boardSent: 'send',
  boardNotSent: 'doNotSend',
  boardReturned: 'return',
};

/** A proposal before its agreer or board, as the engine's `review` read gives it. */
export type Review = NonNullable<Awaited<ReturnType<Queries['review']>>>;
export type ReviewDecision = Review['decisions'][number];

const nameOf = (dir: Directory, id: string) => dir.people.get(id)?.name ?? id;
const boardOf = (dir: Directory, locale: Locale, r: Review) =>
  r.proposal.institutionId ? (dir.institutions.get(r.proposal.institutionId)?.boardName[locale] ?? '') : '';

/** The newest of these decisions; on the same instant the one the proposal's stage tells. */
function latest(r: Review, kinds: readonly string[], prefer: string): ReviewDecision | null {
  let best: ReviewDecision | null = null;
  for (const d of r.decisions) {
    if (!kinds.includes(d.kind)) continue;
    const later = !best || d.at.getTime() > best.at.getTime();
    const tie = best && d.at.getTime() === best.at.getTime() && d.kind === prefer;
    if (later || tie) best = d;
  }
  return best;
}

/** How the agreement ended, once the proposal no longer waits for it. */
export function agreementOutcome(r: Review): ReviewDecision | null {
  if (r.proposal.status === 'agreement' || r.proposal.status === 'draft') return null;
  return latest(r, ['agreed', 'returned'], r.proposal.status === 'returned' ? 'returned' : 'agreed');
}

/** How the board decided, once the proposal is no longer before it. */
export function boardOutcome(r: Review): ReviewDecision | null {
  if (r.proposal.status === 'board') return null;
  const status = r.proposal.status;
  return latest(
    r,
    Object.keys(BOARD_KINDS),
    status === 'returned' ? 'boardReturned' : status === 'notSent' ? 'boardNotSent' : 'boardSent',
  );
}

/** "Resubmitted: … returned it on … — „…“" when this is not the proposal's first submission. */
function resubmission(dir: Directory, locale: Locale, r: Review): Part[] {
  if (r.proposal.revision <= 1) return [];
  const back = latest(r, ['returned', 'boardReturned'], 'returned');
  return [
    text(
      back
        ? t(locale, 'review.resubmitted', {
            person: nameOf(dir, back.byId),
            date: formatDate(back.at),
            comment: back.comment ?? '',
          })
        : t(locale, 'review.resubmittedPlain'),
      { tone: 'warning' },
    ),
  ];
}

const actedFor = (dir: Directory, locale: Locale, line: string, d: ReviewDecision) =>
  d.onBehalfOf ? t(locale, 'review.actedFor', { line, person: nameOf(dir, d.onBehalfOf) }) : line;

const waitingButton = (locale: Locale): Button => ({
  label: t(locale, 'conversation.button.waiting'),
  action: 'waiting',
});

/**
 * The agreement request: what the submitter asks, for which service, the proposal; whom the reader
 * stands in for; that it is a resubmission. Once decided, who decided (for whom), when and why,
 * with no agreement buttons left.
 */
export function agreementView(dir: Directory, locale: Locale, r: Review, o: { onBehalfOf?: string | null } = {}): View {
  const p = r.proposal;
  const v = proposalView(dir, locale, p);
  // The heading says it in full; the title is short enough for a Slack modal (24 characters).
  const title = t(locale, 'review.agreement.short', { number: p.number });
  const parts: Part[] = [heading(t(locale, 'agreement.title', { number: p.number }))];
  if (o.onBehalfOf)
    parts.push(text(t(locale, 'review.onBehalfOf', { person: nameOf(dir, o.onBehalfOf) }), { tone: 'warning' }));
  parts.push(
    ...resubmission(dir, locale, r),
    text(t(locale, 'agreement.intro', { submitter: v.submitter, service: v.service })),
    text(v.title, { strong: true }),
    facts(v.fields),
  );
  const outcome = agreementOutcome(r);
  if (outcome) {
    const agreed = outcome.kind === 'agreed';
    const line = t(locale, agreed ? 'agreement.agreed' : 'agreement.returned', {
      person: nameOf(dir, outcome.byId),
      date: formatDate(outcome.at),
      comment: outcome.comment ?? '',
    });
    parts.push(
      text(actedFor(dir, locale, line, outcome), { strong: true, tone: agreed ? 'good' : 'warning' }),
      text(
        agreed
          ? t(locale, 'review.agreed.next', { board: boardOf(dir, locale, r) })
          : t(locale, 'review.returned.next'),
        { subtle: true },
      ),
    );
    return { title, parts, buttons: [waitingButton(locale)] };
  }
  if (p.status !== 'agreement') {
    parts.push(text(t(locale, 'review.agreement.over', { stage: `@stage.${p.status}` }), { strong: true }));
    return { title, parts, buttons: [waitingButton(locale)] };
  }
  const args = { proposalId: p.id };
  return {
    title,
    parts,
    buttons: [
      { label: t(locale, 'button.agree'), action: 'agreement.agree', args, style: 'primary' },
      { label: t(locale, 'button.return'), action: 'agreement.return', args },
    ],
  };
}

/** Returning for changes: the comment the submitter will read (required). */
export function returnForm(dir: Directory, locale: Locale, r: Review, value = '', error?: string): View {
  const p = r.proposal;
  const args = { proposalId: p.id };
  return {
    title: t(locale, 'button.return'),
    parts: [
      heading(t(locale, 'agreement.title', { number: p.number })),
      text(proposalView(dir, locale, p).title, { strong: true }),
      input({
        kind: 'text',
        id: 'comment',
        label: t(locale, 'review.return.comment'),
        hint: t(locale, 'review.return.hint'),
        multiline: true,
        maxLength: LIMITS.comment,
        required: true,
        requiredText: t(locale, 'field.required'),
        value,
        ...(error ? { error } : {}),
      }),
    ],
    submit: { label: t(locale, 'button.return'), action: 'agreement.returnSend', args, style: 'danger' },
    buttons: [{ label: t(locale, 'button.back'), action: 'agreement.show', args }],
  };
}

/**
 * The board channel's card: the proposal and a button to assess and decide; once decided, the
 * decision (who, when, priority or reason) with no button left.
 */
export function boardView(dir: Directory, locale: Locale, r: Review): View {
  const p = r.proposal;
  const v = proposalView(dir, locale, p);
  const title = t(locale, 'review.board.short', { number: p.number });
  const parts: Part[] = [
    heading(t(locale, 'board.title', { number: p.number, board: boardOf(dir, locale, r) })),
    text(`${v.title} — ${v.submitter}`, { strong: true }),
    ...resubmission(dir, locale, r),
    facts(v.fields),
  ];
  const outcome = boardOutcome(r);
  if (outcome) {
    const decision = BOARD_KINDS[outcome.kind] ?? 'send';
    const line = t(locale, `board.outcome.${decision}` as MessageKey, {
      person: nameOf(dir, outcome.byId),
      date: formatDate(outcome.at),
      priority: outcome.priority ?? '',
      reason: outcome.comment ?? '',
    });
    parts.push(
      text(actedFor(dir, locale, line, outcome), { strong: true, tone: decision === 'send' ? 'good' : 'warning' }),
    );
    return { title, parts };
  }
  if (p.status !== 'board') {
    parts.push(text(t(locale, 'review.board.over', { stage: `@stage.${p.status}` }), { strong: true }));
    return { title, parts };
  }
  return {
    title,
    parts,
    buttons: [{ label: t(locale, 'slack.decide'), action: 'board.show', args: { proposalId: p.id }, style: 'primary' }],
  };
}

type BoardValues = Partial<Record<(typeof CRITERIA)[number] | 'decision' | 'priority' | 'reason', string>>;

/**
 * The board's form: the four criteria (required), the decision, the priority and the reason; each
 * error beside its own field.
 */
export function boardForm(
  dir: Directory,
  locale: Locale,
  r: Review,
  values: BoardValues = {},
  errors: Record<string, string> = {},
): View {
  const p = r.proposal;
  const v = proposalView(dir, locale, p);
  const args = { proposalId: p.id };
  const choose = t(locale, 'form.choose');
  const field = (i: Input): Part => input(errors[i.id] ? { ...i, error: errors[i.id]! } : i);
  return {
    title: t(locale, 'slack.decide'),
    parts: [
      heading(t(locale, 'board.title', { number: p.number, board: boardOf(dir, locale, r) })),
      text(`${v.title} — ${v.submitter}`, { strong: true }),
      facts(v.fields),
      text(t(locale, 'review.board.criteria'), { strong: true }),
      ...CRITERIA.map((c) =>
        field({
          kind: 'choice',
          id: c,
          label: t(locale, `assessment.${c}` as MessageKey),
          required: true,
          requiredText: t(locale, 'review.board.rateToSend'),
          placeholder: choose,
          choices: RATINGS.map((x) => ({ value: x, label: t(locale, `rating.${x}` as MessageKey) })),
          ...(values[c] ? { value: values[c] } : {}),
        }),
      ),
      field({
        kind: 'choice',
        id: 'decision',
        label: t(locale, 'label.decision'),
        required: true,
        requiredText: t(locale, 'field.required'),
        placeholder: choose,
        choices: DECISIONS.map((d) => ({ value: d, label: t(locale, `board.${d}` as MessageKey) })),
        ...(values.decision ? { value: values.decision } : {}),
      }),
      field({
        kind: 'choice',
        id: 'priority',
        label: t(locale, 'board.priority'),
        hint: t(locale, 'review.board.priorityHint'),
        choices: PRIORITIES.map((n) => ({ value: String(n), label: String(n) })),
        value: values.priority || '3',
      }),
      field({
        kind: 'text',
        id: 'reason',
        label: t(locale, 'board.reason'),
        multiline: true,
        maxLength: LIMITS.comment,
        ...(values.reason ? { value: values.reason } : {}),
      }),
    ],
    submit: { label: t(locale, 'review.board.submit'), action: 'board.decide', args, style: 'primary' },
    buttons: [{ label: t(locale, 'button.back'), action: 'board.card', args }],
  };
}

// ——— Reading and deciding ———

const proposalArgs = z.object({ proposalId: idField() });

/** The proposal the button names, as the person may read it; or the answer that they cannot. */
async function reviewOf(ctx: FlowContext, args: Args): Promise<Review | Reply> {
  const locale = ctx.person.locale;
  const parsed = proposalArgs.safeParse(args);
  if (!parsed.success) return notice(t(locale, 'slack.unreadable'));
  try {
    const r = await ctx.queries.review(ctx.person.id, parsed.data.proposalId, ctx.now());
    return r ?? notice(t(locale, 'refusal.notFound'));
  } catch (error) {
    if (error instanceof Refusal) return notice(refusalText(locale, error));
    throw error;
  }
}
const isReply = (x: Review | Reply): x is Reply => 'kind' in x;

/** Whom the reader stands in for on this proposal: its agreer, when the reader is their substitute now. */
function standsInFor(ctx: FlowContext, r: Review): string | null {
  const service = r.proposal.serviceId ? ctx.dir.services.get(r.proposal.serviceId) : undefined;
  const agreer = service ? agreerFor(service)?.personId : undefined;
  return agreer && agreer !== ctx.person.id && r.standsInFor.includes(agreer) ? agreer : null;
}

const fieldErrors = (locale: Locale, errors: Record<string, FieldError>) =>
  Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, t(locale, e.key, e.params)]));

/** A message to the person who decided, in their own chat: it turns their request into its outcome. */
const toDecider = (ctx: FlowContext, payload: OutboxPayload): OutboxMessageDraft => ({
  audience: { kind: 'person', personId: ctx.person.id },
  payload,
});

/** The request after the decision: read again, so it shows the decision as recorded (and for whom). */
async function outcomeView(ctx: FlowContext, args: Args, view: (r: Review) => View): Promise<Reply> {
  const r = await reviewOf(ctx, args);
  return isReply(r) ? r : show(view(r));
}

async function agree(ctx: FlowContext, args: Args): Promise<Reply> {
  const parsed = proposalArgs.safeParse(args);
  if (!parsed.success) return notice(t(ctx.person.locale, 'slack.unreadable'));
  const { proposalId } = parsed.data;
  // The engine decides who may (the agreer or their substitute) and words the refusal.
  const res = await ctx.engine.run({
    command: 'agree',
    actorId: ctx.person.id,
    input: { proposalId },
    platform: ctx.platform,
    deliveryKey: ctx.key,
    // The request in the agreer's chat (on every platform) shows the outcome instead of its buttons.
    replies: () => [toDecider(ctx, { kind: 'proposalAgreed', proposalId, byId: ctx.person.id })],
  });
  if (!res.ok) return notice(refusalText(ctx.person.locale, res.refusal));
  return outcomeView(ctx, args, (r) => agreementView(ctx.dir, ctx.person.locale, r));
}

async function returnSend(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  const parsed = proposalArgs.safeParse(args);
  if (!parsed.success) return notice(t(locale, 'slack.unreadable'));
  const { proposalId } = parsed.data;
  const comment = inputs.text('comment');
  const res = await ctx.engine.run({
    command: 'returnForChanges',
    actorId: ctx.person.id,
    input: { proposalId, comment },
    platform: ctx.platform,
    deliveryKey: ctx.key,
    replies: () => [toDecider(ctx, { kind: 'proposalReturned', proposalId, byId: ctx.person.id, comment })],
  });
  if (!res.ok) {
    const beside = res.refusal.fieldErrors.comment;
    if (!beside) return notice(refusalText(locale, res.refusal));
    const r = await reviewOf(ctx, args);
    return isReply(r)
      ? r
      : show(returnForm(ctx.dir, locale, r, comment, fieldErrors(locale, { comment: beside }).comment));
  }
  const r = await reviewOf(ctx, args);
  if (isReply(r)) return r;
  return done(t(locale, 'review.returned.done', { number: r.proposal.number }), agreementView(ctx.dir, locale, r));
}

async function decide(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const locale = ctx.person.locale;
  const parsed = proposalArgs.safeParse(args);
  if (!parsed.success) return notice(t(locale, 'slack.unreadable'));
  const { proposalId } = parsed.data;
  const values: BoardValues = {};
  for (const id of [...CRITERIA, 'decision', 'priority', 'reason'] as const) values[id] = inputs.text(id).trim();
  const formAgain = async (errors: Record<string, string>) => {
    const r = await reviewOf(ctx, args);
    return isReply(r) ? r : show(boardForm(ctx.dir, locale, r, values, errors));
  };
  // What the form marks required, beside its field; the engine decides everything else.
  const required: Record<string, string> = {};
  for (const c of CRITERIA)
    if (!(RATINGS as readonly string[]).includes(values[c]!)) required[c] = t(locale, 'review.board.rateToSend');
  const decision = DECISIONS.find((d) => d === values.decision);
  if (!decision) required.decision = t(locale, 'field.required');
  if (Object.keys(required).length || !decision) return formAgain(required);
  const refused = (refusal: RefusalInfo) =>
    Object.keys(refusal.fieldErrors).length
      ? formAgain(fieldErrors(locale, refusal.fieldErrors))
      : notice(refusalText(locale, refusal));
  // The engine refuses anyone but the board (or a board member's substitute) here, in its own words.
  const assessed = await ctx.engine.run({
    command: 'assess',
    actorId: ctx.person.id,
    input: { proposalId, ...Object.fromEntries(CRITERIA.map((c) => [c, values[c]])) },
    platform: ctx.platform,
    deliveryKey: `${ctx.key}:assess`,
  });
  if (!assessed.ok) return refused(assessed.refusal);
  const r = await reviewOf(ctx, args);
  if (isReply(r)) return r;
  const institutionId = r.proposal.institutionId;
  const reason = values.reason ?? '';
  const priority = Number(values.priority) || 3;
  const res = await ctx.engine.run({
    command: 'boardDecide',
    actorId: ctx.person.id,
    input:
      decision === 'send'
        ? { proposalId, decision, priority, ...(reason ? { comment: reason } : {}) }
        : { proposalId, decision, reason },
    platform: ctx.platform,
    deliveryKey: ctx.key,
    // The board channel's card (on every platform) shows the decision instead of its button.
    replies: () =>
      institutionId
        ? [
            {
              audience: { kind: 'boardChannel', institutionId },
              payload: {
                kind: 'boardDecided',
                proposalId,
                decision,
                priority: decision === 'send' ? priority : null,
                reason: decision === 'send' ? null : reason,
              },
            },
          ]
        : [],
  });
  if (!res.ok) return refused(res.refusal);
  const after = await reviewOf(ctx, args);
  if (isReply(after)) return after;
  return done(t(locale, 'review.board.done', { number: after.proposal.number }), boardView(ctx.dir, locale, after));
}

export const reviewFlows: Flow[] = [
  {
    id: 'agreement.show',
    opensForm: true,
    run: async (ctx, args) => {
      const r = await reviewOf(ctx, args);
      return isReply(r) ? r : show(agreementView(ctx.dir, ctx.person.locale, r, { onBehalfOf: standsInFor(ctx, r) }));
    },
  },
  { id: 'agreement.agree', run: (ctx, args) => agree(ctx, args) },
  {
    id: 'agreement.return',
    opensForm: true,
    run: async (ctx, args) => {
      const r = await reviewOf(ctx, args);
      if (isReply(r)) return r;
      // A decided request has nothing to return: its outcome instead.
      if (r.proposal.status !== 'agreement') return show(agreementView(ctx.dir, ctx.person.locale, r));
      return show(returnForm(ctx.dir, ctx.person.locale, r));
    },
  },
  { id: 'agreement.returnSend', run: returnSend },
  {
    id: 'board.card',
    run: async (ctx, args) => {
      const r = await reviewOf(ctx, args);
      return isReply(r) ? r : show(boardView(ctx.dir, ctx.person.locale, r));
    },
  },
  {
    id: 'board.show',
    opensForm: true,
    run: async (ctx, args) => {
      const r = await reviewOf(ctx, args);
      if (isReply(r)) return r;
      if (r.proposal.status !== 'board') return show(boardView(ctx.dir, ctx.person.locale, r));
      return show(boardForm(ctx.dir, ctx.person.locale, r));
    },
  },
  { id: 'board.decide', run: decide },
];

export const reviewIntents: Partial<Record<Intent, string>> = {};

// ——— What the outbox sends ———

/**
 * The agreement request to the agreer (or their substitute: `audience.onBehalfOf`), the board
 * channel's card, and their outcomes, which update those posts in place: the agreer's own
 * `proposalAgreed`/`proposalReturned` (sent by the flows above) and the board channel's
 * `boardDecided`. Null for every other message (a plain notification).
 */
export async function reviewPost(
  queries: Queries,
  dir: Directory,
  payload: OutboxPayload,
  audience: Audience,
  locale: Locale,
): Promise<Notice | null> {
  const forAgreer =
    (payload.kind === 'proposalAgreed' || payload.kind === 'proposalReturned') &&
    audience.kind === 'person' &&
    audience.personId === payload.byId;
  const forBoard =
    payload.kind === 'boardReviewRequested' || (payload.kind === 'boardDecided' && audience.kind === 'boardChannel');
  if (payload.kind !== 'agreementRequested' && !forAgreer && !forBoard) return null;
  const r = await queries.review(SYSTEM, (payload as { proposalId: string }).proposalId, null);
  if (!r) return null;
  if (forBoard)
    return {
      view: boardView(dir, locale, r),
      cardKey: `card:board:${r.proposal.id}`,
      update: payload.kind === 'boardDecided',
    };
  const onBehalfOf = audience.kind === 'person' ? (audience.onBehalfOf ?? null) : null;
  return {
    view: agreementView(dir, locale, r, { onBehalfOf }),
    cardKey: `card:agreement:${r.proposal.id}`,
    update: payload.kind !== 'agreementRequested',
  };
}
