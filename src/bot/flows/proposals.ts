// What a submitter does, written once for Teams and Slack: the proposal form in steps (each step
// saved as a draft; on Slack closing the form keeps what was typed), the summary and submission, a
// draft or a returned proposal opened again and resubmitted, "my proposals" with a button wherever
// the person can act, and the JAH, KUI conditions checklist with its resubmission to a committee.
import { z } from 'zod';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { agreerFor, type Directory, type Locale } from '../../workflow/directory.ts';
import { STRATEGIC_GOALS } from '../../workflow/proposal.ts';
import type { FieldError } from '../../workflow/refusal.ts';
import type { Stage } from '../../workflow/stages.ts';
import { idField } from '../../workflow/text.ts';
import { done, notice, show, type Args, type Flow, type FlowContext, type Reply } from '../conversation/flow.ts';
import type { Inputs } from '../conversation/inputs.ts';
import {
  buttons,
  facts,
  heading,
  input,
  text,
  type Button,
  type Input,
  type Part,
  type View,
} from '../conversation/view.ts';
import { FORM_STEPS, fieldsFromInputs, stepOf, withoutEmptyRequired, type FormField } from '../form-steps.ts';
import type { Intent } from '../intents.ts';
import { fieldLabel, refusalText } from '../refusal-text.ts';
import { proposalView, type ProposalData } from '../views.ts';

/** Stages in which the submitter may change the form (the engine's saveDraft); submit from the first two. */
const EDITABLE: readonly Stage[] = ['draft', 'returned', 'conditions'];
const STEPS = FORM_STEPS.length + 1; // the form's steps and the summary

const proposalArgs = z.object({ proposalId: idField() });
const stepArgs = z.object({
  proposalId: idField().nullable().optional(),
  step: z
    .number()
    .int()
    .min(0)
    .max(FORM_STEPS.length - 1),
});
const editArgs = proposalArgs.extend({ step: stepArgs.shape.step.optional() });

type Proposal = ProposalData & { title: string | null };

const stageOf = (locale: Locale, status: string) => t(locale, `stage.${status as Stage}` as MessageKey);

/** What happens next at the proposal's stage, with who: its agreer, or its institution's board. */
export function nextText(
  dir: Directory,
  locale: Locale,
  p: { status: string; serviceId: string | null; institutionId?: string | null },
): string {
  const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
  const agreer = service ? agreerFor(service) : null;
  return t(locale, `next.${p.status as Stage}` as MessageKey, {
    person: agreer ? (dir.people.get(agreer.personId)?.name ?? '') : '',
    place: p.institutionId ? (dir.institutions.get(p.institutionId)?.boardName[locale] ?? '') : '',
  });
}

const go = (locale: Locale, key: MessageKey, action: string, extra: Partial<Button> = {}): Button => ({
  label: t(locale, key),
  action,
  ...extra,
});
/** The button that starts a new proposal's form. */
export const newIdeaButton = (locale: Locale) => go(locale, 'button.newIdea', 'proposal.new', { style: 'primary' });
const myProposals = (locale: Locale) => go(locale, 'button.myProposals', 'proposal.mine');

/** The button where the submitter can act on a proposal at its stage, if anywhere. */
export function submitterButton(locale: Locale, p: { proposalId: string; status: string }): Button | null {
  const args = { proposalId: p.proposalId };
  if (p.status === 'draft') return go(locale, 'proposals.button.continue', 'proposal.edit', { args, style: 'primary' });
  if (p.status === 'returned')
    return go(locale, 'conversation.button.edit', 'proposal.edit', { args, style: 'primary' });
  if (p.status === 'conditions')
    return go(locale, 'conversation.button.conditions', 'conditions.show', { args, style: 'primary' });
  return null;
}

// ---- the form

function goalsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}

function fieldInput(dir: Directory, locale: Locale, field: FormField, value: unknown, error?: FieldError): Input {
  const base = {
    id: field.name,
    label: t(locale, `form.${field.name}` as MessageKey),
    required: field.required,
    requiredText: t(locale, 'field.required'),
    ...(error ? { error: t(locale, error.key, error.params) } : {}),
  };
  const plain = value == null ? '' : String(value);
  switch (field.kind) {
    case 'service':
      return {
        ...base,
        kind: 'choice',
        placeholder: t(locale, 'form.choose'),
        value: plain,
        choices: [...dir.services.values()].map((s) => ({
          value: s.id,
          label: `${s.name[locale]} (${s.institutionId})`,
        })),
      };
    case 'goals':
      return {
        ...base,
        kind: 'multiChoice',
        value: goalsOf(value),
        choices: STRATEGIC_GOALS.map((g) => ({ value: g, label: t(locale, `goal.${g}` as MessageKey) })),
      };
    case 'number':
      return { ...base, kind: 'number', value: plain, placeholder: '250000' };
    default:
      return {
        ...base,
        kind: 'text',
        value: plain,
        multiline: field.kind === 'longText',
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
      };
  }
}

/** Problems of the whole form, or of fields not on this page, as lines above the fields. */
function errorLines(locale: Locale, errors: Record<string, FieldError>, shownBeside: ReadonlySet<string>): Part[] {
  const entries = Object.entries(errors);
  if (!entries.length) return [];
  return [
    text(t(locale, 'form.fixBelow'), { tone: 'attention' }),
    ...entries
      .filter(([field]) => !shownBeside.has(field))
      .map(([field, e]) =>
        text(`${field.startsWith('_') ? '' : `${fieldLabel(locale, field)}: `}${t(locale, e.key, e.params)}`, {
          tone: 'attention',
        }),
      ),
  ];
}

export interface FormState {
  proposalId: string | null;
  number: number | null;
  step: number;
  /** The stored proposal, or what was typed (a refused step keeps every letter). */
  values: object;
  errors?: Record<string, FieldError>;
  /** Why it came back (a returned proposal), shown above the fields. */
  note?: string | null;
}

/** One step of the proposal form. Its buttons carry only the proposal and the step; the engine decides. */
export function formView(dir: Directory, locale: Locale, f: FormState): View {
  const fields = FORM_STEPS[f.step]!;
  const step = { step: f.step + 1, steps: STEPS };
  const parts: Part[] = [
    heading(f.number ? t(locale, 'form.headerNumber', { number: f.number, ...step }) : t(locale, 'form.header', step)),
  ];
  if (f.note) parts.push(text(f.note, { tone: 'warning' }));
  parts.push(...errorLines(locale, f.errors ?? {}, new Set(fields.map((x) => x.name))));
  for (const field of fields)
    parts.push(
      input(fieldInput(dir, locale, field, (f.values as Record<string, unknown>)[field.name], f.errors?.[field.name])),
    );
  parts.push(text(t(locale, 'proposals.draftSaved'), { subtle: true }));
  const args = { proposalId: f.proposalId, step: f.step };
  return {
    title: t(locale, 'slack.formTitle', step),
    parts,
    ...(f.step > 0 ? { buttons: [go(locale, 'button.back', 'proposal.back', { args })] } : {}),
    submit: go(locale, 'button.next', 'proposal.step', { args, style: 'primary' }),
  };
}

/** The summary to check before submitting; with the problems that stopped a submission. */
export function summaryView(
  dir: Directory,
  locale: Locale,
  p: Proposal,
  o: { errors?: Record<string, FieldError>; note?: string | null } = {},
): View {
  const v = proposalView(dir, locale, p);
  const errors = o.errors ?? {};
  const parts: Part[] = [
    heading(t(locale, 'form.summaryTitle', { number: p.number })),
    text(v.title, { strong: true }),
  ];
  if (o.note) parts.push(text(o.note, { tone: 'warning' }));
  parts.push(...errorLines(locale, errors, new Set()), facts(v.fields));
  // "Edit" goes to the first step with a problem.
  const first = Object.keys(errors).find((f) => !f.startsWith('_'));
  const edit = go(locale, 'button.edit', 'proposal.edit', {
    args: { proposalId: p.id, step: first ? stepOf(first) : 0 },
  });
  if (p.status === 'conditions') {
    // JAH, KUI: it goes back to a committee from the checklist, not by submitting the form.
    const conditions = submitterButton(locale, { proposalId: p.id, status: p.status })!;
    return { title: t(locale, 'slack.summaryTitle'), parts, buttons: [conditions, edit] };
  }
  return {
    title: t(locale, 'slack.summaryTitle'),
    parts,
    buttons: [edit],
    submit: go(locale, 'button.submit', 'proposal.submit', { args: { proposalId: p.id }, style: 'primary' }),
  };
}

/** A proposal's stage and what is next, with a way on: e.g. after submitting, or where nothing can be changed. */
function stageView(dir: Directory, locale: Locale, p: Proposal, lead: string, title = lead): View {
  return {
    title,
    parts: [
      heading(lead),
      text(`${p.number}. ${p.title ?? '—'}`, { strong: true }),
      text(t(locale, 'proposals.stageNext', { stage: stageOf(locale, p.status), next: nextText(dir, locale, p) })),
    ],
    buttons: [myProposals(locale), go(locale, 'button.newIdea', 'proposal.new')],
  };
}

/** The reader's own proposal; null when it is not theirs (a reader outside it is refused by the engine). */
async function own(ctx: FlowContext, proposalId: string): Promise<Proposal | null> {
  const p = await ctx.queries.proposal(ctx.person.id, proposalId);
  return p && p.submitterId === ctx.person.id ? p : null;
}

/** Why a returned proposal came back: who returned it, when, and their comment. */
async function returnedNote(ctx: FlowContext, p: Proposal): Promise<string | null> {
  if (p.status !== 'returned') return null;
  const h = await ctx.queries.history(ctx.person.id, p.id);
  const last = h?.decisions.filter((d) => d.kind === 'returned' || d.kind === 'boardReturned').at(-1);
  if (!last) return null;
  return t(ctx.person.locale, 'proposals.returnedNote', {
    person: ctx.dir.people.get(last.byId)?.name ?? last.byId,
    date: formatDate(last.at),
    comment: last.comment ?? '',
  });
}

const unreadable = (ctx: FlowContext) => notice(t(ctx.person.locale, 'slack.unreadable'));
const notFound = (ctx: FlowContext) => notice(t(ctx.person.locale, 'refusal.notFound'));

/** The form at a step for the person's own proposal, or why it cannot be changed. */
async function openAt(ctx: FlowContext, p: Proposal, step: number): Promise<Reply> {
  const { dir } = ctx;
  const locale = ctx.person.locale;
  if (!EDITABLE.includes(p.status as Stage)) {
    const why = t(locale, 'proposals.notEditable', {
      number: p.number,
      stage: stageOf(locale, p.status),
      next: nextText(dir, locale, p),
    });
    return show(stageView(dir, locale, p, why, t(locale, 'button.myProposals')));
  }
  const note = step === 0 ? await returnedNote(ctx, p) : null;
  return show(formView(dir, locale, { proposalId: p.id, number: p.number, step, values: p, note }));
}

/**
 * A text a platform cannot hold whole (a Slack input takes 3,000 letters, the form 4,000) is shown
 * shortened, "…" at its end. Sent back unchanged, it is left out of the fields, so the whole text
 * stays as it was saved.
 */
export function keepWhole(fields: Record<string, unknown>, stored: object): Record<string, unknown> {
  const before = stored as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fields).filter(([name, v]) => {
      const whole = before[name];
      return !(
        typeof v === 'string' &&
        v.endsWith('…') &&
        typeof whole === 'string' &&
        whole.length > v.length &&
        whole.startsWith(v.slice(0, -1))
      );
    }),
  );
}

/** The fields a step sends, without the texts shown shortened and sent back unchanged. */
async function stepFields(ctx: FlowContext, proposalId: string | null, step: number, inputs: Inputs) {
  const fields = fieldsFromInputs(step, inputs.raw);
  const shortened = Object.values(fields).some((v) => typeof v === 'string' && v.endsWith('…'));
  const stored = proposalId && shortened ? await own(ctx, proposalId) : null;
  return stored ? keepWhole(fields, stored) : fields;
}

async function saveStep(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply> {
  const a = stepArgs.safeParse(args);
  if (!a.success) return unreadable(ctx);
  const { step } = a.data;
  const proposalId = a.data.proposalId ?? null;
  const locale = ctx.person.locale;
  const fields = await stepFields(ctx, proposalId, step, inputs);
  const common = { actorId: ctx.person.id, platform: ctx.platform, deliveryKey: ctx.key } as const;
  const r = proposalId
    ? await ctx.engine.run({ ...common, command: 'saveDraft', input: { proposalId, fields } })
    : await ctx.engine.run({ ...common, command: 'createDraft', input: { fields } });
  if (!r.ok) {
    if (!Object.keys(r.refusal.fieldErrors).length) return notice(refusalText(locale, r.refusal));
    // The step again with what the person typed, the problems beside the fields.
    const stored = proposalId ? await own(ctx, proposalId) : null;
    return show(
      formView(ctx.dir, locale, {
        proposalId,
        number: stored?.number ?? null,
        step,
        values: { ...(stored ?? {}), ...inputs.raw },
        errors: r.refusal.fieldErrors,
      }),
    );
  }
  const p = (await own(ctx, r.value.proposalId))!;
  if (step + 1 < FORM_STEPS.length)
    return show(formView(ctx.dir, locale, { proposalId: p.id, number: p.number, step: step + 1, values: p }));
  return show(summaryView(ctx.dir, locale, p, { note: await returnedNote(ctx, p) }));
}

/** A closed form keeps what was typed; a required field left empty is left out (a draft may lack it, not empty it). */
async function keepClosed(ctx: FlowContext, args: Args, inputs: Inputs): Promise<void> {
  const a = stepArgs.safeParse(args);
  if (!a.success) return;
  const fields = withoutEmptyRequired(await stepFields(ctx, a.data.proposalId ?? null, a.data.step, inputs));
  if (Object.values(fields).every((v) => v == null || (Array.isArray(v) && v.length === 0))) return;
  const common = { actorId: ctx.person.id, platform: ctx.platform, deliveryKey: ctx.key } as const;
  const proposalId = a.data.proposalId;
  if (proposalId) await ctx.engine.run({ ...common, command: 'saveDraft', input: { proposalId, fields } });
  else await ctx.engine.run({ ...common, command: 'createDraft', input: { fields } });
}

async function submit(ctx: FlowContext, args: Args): Promise<Reply> {
  const a = proposalArgs.safeParse(args);
  if (!a.success) return unreadable(ctx);
  const { proposalId } = a.data;
  const locale = ctx.person.locale;
  const before = await own(ctx, proposalId);
  const r = await ctx.engine.run({
    command: 'submit',
    actorId: ctx.person.id,
    input: { proposalId },
    platform: ctx.platform,
    deliveryKey: ctx.key,
  });
  if (!r.ok) {
    if (r.refusal.key === 'validation.incomplete' && before)
      return show(summaryView(ctx.dir, locale, before, { errors: r.refusal.fieldErrors }));
    return notice(refusalText(locale, r.refusal));
  }
  const p = (await own(ctx, proposalId))!;
  // The same words on both platforms: submitted (again, after changes), its stage and who is next.
  const lead =
    before?.status === 'returned'
      ? t(locale, 'proposals.submittedAgain', { number: p.number })
      : t(locale, 'submitted.title', { number: p.number });
  return done(lead, stageView(ctx.dir, locale, p, lead, t(locale, 'proposals.submittedTitle')));
}

// ---- my proposals

/** How many proposals "my proposals" lists: each takes up to three of Slack's 50 blocks. */
const MINE_SHOWN = 15;

export interface MyProposalRow {
  proposalId: string;
  number: number;
  title: string | null;
  status: string;
  serviceId: string | null;
  institutionId: string | null;
}

/** "My proposals": each with its stage and what is next, those waiting for the person first, with their button. */
export function myProposalsView(dir: Directory, locale: Locale, rows: readonly MyProposalRow[]): View {
  const mine = [...rows.filter((r) => submitterButton(locale, r)), ...rows.filter((r) => !submitterButton(locale, r))];
  const parts: Part[] = [heading(t(locale, 'myProposals.title'))];
  if (!mine.length) parts.push(text(t(locale, 'proposals.mine.empty')));
  for (const r of mine.slice(0, MINE_SHOWN)) {
    const b = submitterButton(locale, r);
    parts.push(
      text(`${r.number}. ${r.title ?? '—'}`, { strong: true }),
      text(`${stageOf(locale, r.status)} — ${nextText(dir, locale, r)}`, { subtle: true }),
      ...(b ? [buttons([b])] : []),
    );
  }
  if (mine.length > MINE_SHOWN)
    parts.push(text(t(locale, 'proposals.mine.more', { shown: MINE_SHOWN, count: mine.length }), { subtle: true }));
  return { title: t(locale, 'myProposals.title'), parts, buttons: [newIdeaButton(locale)] };
}

// ---- JAH, KUI conditions

export interface ConditionRow {
  id: string;
  text: string;
  met: boolean;
}

/** The submitter's checklist of a JAH, KUI decision's conditions (also sent with the decision). */
export function conditionsView(
  locale: Locale,
  p: { id: string; number: number; title: string | null },
  conditions: readonly ConditionRow[],
  note?: Part,
): View {
  const args = { proposalId: p.id };
  const open = conditions.filter((c) => !c.met).length;
  return {
    title: t(locale, 'conditions.title', { number: p.number }),
    parts: [
      heading(t(locale, 'conditions.title', { number: p.number })),
      text(p.title ?? '—', { strong: true }),
      text(t(locale, 'conditions.intro')),
      ...conditions.map((c) => input({ kind: 'toggle', id: `cond_${c.id}`, label: c.text, value: c.met })),
      text(t(locale, 'conditions.open', { count: open }), { subtle: true }),
      ...(note ? [note] : []),
    ],
    buttons: [
      go(locale, 'conditions.save', 'conditions.save', { args, withInputs: true }),
      go(locale, 'conditions.resubmit', 'conditions.resubmit', { args, withInputs: true, style: 'primary' }),
    ],
  };
}

/** The proposal and its conditions, when it is the person's and waits for them; else why not, with a way on. */
async function checklist(
  ctx: FlowContext,
  args: Args,
): Promise<{ p: Proposal; rows: ConditionRow[] } | { reply: Reply }> {
  const a = proposalArgs.safeParse(args);
  if (!a.success) return { reply: unreadable(ctx) };
  const p = await own(ctx, a.data.proposalId);
  if (!p) return { reply: notFound(ctx) };
  const locale = ctx.person.locale;
  if (p.status !== 'conditions') {
    const why = t(locale, 'proposals.conditions.closed', {
      number: p.number,
      stage: stageOf(locale, p.status),
      next: nextText(ctx.dir, locale, p),
    });
    return { reply: show(stageView(ctx.dir, locale, p, why, t(locale, 'button.myProposals'))) };
  }
  return { p, rows: (await ctx.queries.conditions(ctx.person.id, p.id)) ?? [] };
}

/** Ticks each condition as its toggle says (only those changed); the refusal's words if one is refused. */
async function tick(ctx: FlowContext, p: Proposal, rows: ConditionRow[], inputs: Inputs): Promise<string | null> {
  for (const c of rows) {
    const id = `cond_${c.id}`;
    if (!inputs.has(id)) continue;
    const met = inputs.bool(id);
    if (met === c.met) continue;
    const r = await ctx.engine.run({
      command: 'markCondition',
      actorId: ctx.person.id,
      input: { proposalId: p.id, conditionId: c.id, met },
      platform: ctx.platform,
      deliveryKey: `${ctx.key}:${c.id}`,
    });
    if (!r.ok) return refusalText(ctx.person.locale, r.refusal);
  }
  return null;
}

async function conditions(ctx: FlowContext, args: Args, inputs: Inputs, resubmit: boolean): Promise<Reply> {
  const found = await checklist(ctx, args);
  if ('reply' in found) return found.reply;
  const { p } = found;
  const locale = ctx.person.locale;
  const fresh = async () => (await ctx.queries.conditions(ctx.person.id, p.id)) ?? [];
  const problem = await tick(ctx, p, found.rows, inputs);
  if (problem) return show(conditionsView(locale, p, await fresh(), text(problem, { tone: 'attention' })));
  if (!resubmit) {
    const rows = await fresh();
    const saved = t(locale, 'proposals.conditions.saved', { count: rows.filter((c) => !c.met).length });
    return show(conditionsView(locale, p, rows, text(saved, { tone: 'good' })));
  }
  const r = await ctx.engine.run({
    command: 'resubmitToCommittee',
    actorId: ctx.person.id,
    input: { proposalId: p.id },
    platform: ctx.platform,
    deliveryKey: ctx.key,
  });
  if (!r.ok)
    return show(conditionsView(locale, p, await fresh(), text(refusalText(locale, r.refusal), { tone: 'attention' })));
  const after = (await own(ctx, p.id))!;
  const lead = t(locale, 'proposals.conditions.resubmitted', { number: p.number });
  return done(lead, stageView(ctx.dir, locale, after, lead, t(locale, 'proposals.submittedTitle')));
}

// ---- the flows

export const proposalsFlows: Flow[] = [
  {
    id: 'proposal.new',
    opensForm: true,
    run: async (ctx) =>
      show(formView(ctx.dir, ctx.person.locale, { proposalId: null, number: null, step: 0, values: {} })),
  },
  { id: 'proposal.step', run: saveStep, closed: keepClosed },
  {
    id: 'proposal.back',
    run: async (ctx, args) => {
      const a = stepArgs.safeParse(args);
      if (!a.success) return unreadable(ctx);
      const step = Math.max(a.data.step - 1, 0);
      if (!a.data.proposalId)
        return show(formView(ctx.dir, ctx.person.locale, { proposalId: null, number: null, step, values: {} }));
      const p = await own(ctx, a.data.proposalId);
      return p ? openAt(ctx, p, step) : notFound(ctx);
    },
  },
  {
    id: 'proposal.edit',
    opensForm: true,
    run: async (ctx, args) => {
      const a = editArgs.safeParse(args);
      if (!a.success) return unreadable(ctx);
      const p = await own(ctx, a.data.proposalId);
      return p ? openAt(ctx, p, a.data.step ?? 0) : notFound(ctx);
    },
  },
  {
    id: 'proposal.continue',
    opensForm: true,
    run: async (ctx) => {
      const locale = ctx.person.locale;
      const latest = (await ctx.queries.myProposals(ctx.person.id)).find(
        (r) => r.status === 'draft' || r.status === 'returned',
      );
      const p = latest ? await own(ctx, latest.proposalId) : null;
      if (p) return openAt(ctx, p, 0);
      return show({
        title: t(locale, 'button.continueDraft'),
        parts: [heading(t(locale, 'button.continueDraft')), text(t(locale, 'proposals.noDraft'))],
        buttons: [newIdeaButton(locale), myProposals(locale)],
      });
    },
  },
  {
    id: 'proposal.summary',
    run: async (ctx, args) => {
      const a = proposalArgs.safeParse(args);
      if (!a.success) return unreadable(ctx);
      const p = await own(ctx, a.data.proposalId);
      if (!p) return notFound(ctx);
      return show(summaryView(ctx.dir, ctx.person.locale, p, { note: await returnedNote(ctx, p) }));
    },
  },
  { id: 'proposal.submit', run: (ctx, args) => submit(ctx, args) },
  {
    id: 'proposal.mine',
    run: async (ctx) => show(myProposalsView(ctx.dir, ctx.person.locale, await ctx.queries.myProposals(ctx.person.id))),
  },
  {
    id: 'conditions.show',
    run: async (ctx, args) => {
      const found = await checklist(ctx, args);
      return 'reply' in found ? found.reply : show(conditionsView(ctx.person.locale, found.p, found.rows));
    },
  },
  { id: 'conditions.save', run: (ctx, args, inputs) => conditions(ctx, args, inputs, false) },
  { id: 'conditions.resubmit', run: (ctx, args, inputs) => conditions(ctx, args, inputs, true) },
];

export const proposalsIntents: Partial<Record<Intent, string>> = {
  newIdea: 'proposal.new',
  continueDraft: 'proposal.continue',
  myProposals: 'proposal.mine',
};
