// The portfolio ("portfell": filters, pages, the roadmap picture), the portfolio manager's plan of an
// item (quarters, euros per year, funding, people, TEHIK team, linked items; taking a finished item
// out), and the status of the items a person reports on ("staatus", also asked for before a meeting).
import { z } from 'zod';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatEuros } from '../../i18n/dates.ts';
import type { PortfolioFilter } from '../../files/files.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { mayRead } from '../../workflow/read-policy.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import { show, done, type Args, type Flow, type FlowContext, type Search } from '../conversation/flow.ts';
import type { Inputs } from '../conversation/inputs.ts';
import { buttons, facts, heading, input, text, type Button, type Part, type View } from '../conversation/view.ts';
import type { PortfolioRow } from '../desk-data.ts';
import { linkChoices, plannableItem } from '../plan-data.ts';
import { moneyField, planForm, planInput, refusalField, typedValues, type PlanForm } from '../plan-form.ts';
import { cleanFilter, loadPortfolioView, type PortfolioView } from '../portfolio-view.ts';
import { argsOf, change, formRefusal, go, id, saidPart, unreadableSaid, type Said } from './desk-common.ts';

/** The dataset of the plan's linked-items field. */
export const ITEMS_DATASET = 'portfolioItems';

/** Euros never broken across lines (a narrow card wraps "1 602 000 €" otherwise). */
const euros = (n: number) => formatEuros(n, '\u00a0');

/** The filter and page as a button carries them (the way back from a plan returns there). */
function placeArgs(f: PortfolioFilter, page: number): Record<string, string | number> {
  return {
    domainId: f.domainId ?? '',
    institutionId: f.institutionId ?? '',
    status: f.status ?? '',
    period: f.period ?? '',
    page,
  };
}
const pageOf = (args: Args) => Math.max(0, Math.trunc(Number(args.page)) || 0);

export async function portfolioView(
  ctx: FlowContext,
  filter: PortfolioFilter,
  page: number,
  said?: Said,
): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const v = await loadPortfolioView(ctx.queries, person.id, dir, filter, page);
  const pictures = await ctx.downloads.pictures(person, ctx.platform, ctx.key, filter);
  const canPlan = mayRead(dir, person.id, 'plannedItem');
  const title = t(locale, 'portfolio.title', { count: v.total });
  const parts: Part[] = [
    heading(title),
    ...saidPart(said),
    text(t(locale, 'portfolio.summary', { total: euros(v.totalEur), page: v.page + 1, pages: v.pages }), {
      subtle: true,
    }),
    facts(
      ITEM_STATUSES.map((s) => ({
        label: t(locale, `itemStatus.${s}` as MessageKey),
        value: String(v.counts[s] ?? 0),
      })),
    ),
    ...filterInputs(dir, locale, v),
    buttons([go(locale, 'portfolio.filter', 'portfolio.filter', undefined, { style: 'primary', withInputs: true })]),
  ];
  if (pictures?.inline) parts.push({ kind: 'image', url: pictures.roadmap, alt: t(locale, 'publish.roadmapAlt') });
  if (!v.rows.length) parts.push(text(t(locale, 'desk.none'), { subtle: true }));
  const here = placeArgs(v.filter, v.page);
  for (const r of v.rows) {
    parts.push(
      text(r.title, { strong: true }),
      text(
        `${r.institution[locale]} · ${r.startQuarter}–${r.endQuarter} · ${t(locale, `itemStatus.${r.status}` as MessageKey)} ${r.progress}% · ${euros(r.totalEur)}`,
        { subtle: true },
      ),
    );
    if (canPlan) parts.push(buttons([go(locale, 'plan.button', 'plan.show', { itemId: r.id, ...here })]));
  }
  const nav: Button[] = [];
  if (v.page > 0) nav.push(go(locale, 'button.back', 'portfolio.show', placeArgs(v.filter, v.page - 1)));
  if (v.page + 1 < v.pages) nav.push(go(locale, 'button.next', 'portfolio.show', placeArgs(v.filter, v.page + 1)));
  if (nav.length) parts.push(buttons(nav));
  if (pictures)
    parts.push(
      { kind: 'link', label: t(locale, 'portfolio.roadmapPicture'), url: pictures.roadmap },
      { kind: 'link', label: t(locale, 'portfolio.moneyPicture'), url: pictures.money },
      { kind: 'link', label: t(locale, 'portfolio.peoplePicture'), url: pictures.people },
    );
  return { title, parts };
}

function filterInputs(dir: Directory, locale: Locale, v: PortfolioView): Part[] {
  const all = { value: 'all', label: t(locale, 'portfolio.all') };
  const f = v.filter;
  return [
    input({
      kind: 'choice',
      id: 'domainId',
      label: t(locale, 'portfolio.domain'),
      choices: [all, ...[...dir.domains.values()].map((d) => ({ value: d.id, label: d.name[locale] }))],
      value: f.domainId ?? 'all',
    }),
    input({
      kind: 'choice',
      id: 'institutionId',
      label: t(locale, 'portfolio.institution'),
      choices: [all, ...[...dir.institutions.values()].map((i) => ({ value: i.id, label: i.name[locale] }))],
      value: f.institutionId ?? 'all',
    }),
    input({
      kind: 'choice',
      id: 'status',
      label: t(locale, 'portfolio.status'),
      choices: [all, ...ITEM_STATUSES.map((s) => ({ value: s, label: t(locale, `itemStatus.${s}` as MessageKey) }))],
      value: f.status ?? 'all',
    }),
    input({
      kind: 'text',
      id: 'period',
      label: t(locale, 'portfolio.period'),
      placeholder: '2027Q3 / 2028',
      maxLength: 8,
      value: f.period ?? '',
    }),
  ];
}

// ---- the plan of an item ------------------------------------------------------------------------

type Planned = Extract<Awaited<ReturnType<typeof plannableItem>>, { item: unknown }>['item'];

export async function planView(
  ctx: FlowContext,
  form: PlanForm,
  back: Record<string, string | number>,
  shown: { said?: Said; errors?: Record<string, string> } = {},
): Promise<View> {
  const locale = ctx.person.locale;
  const v = form.values;
  const e = shown.errors ?? {};
  const err = (field: string) => (e[field] ? { error: e[field] } : {});
  const quarters = (field: 'startQuarter' | 'endQuarter', label: string): Part => {
    const value = v[field] ?? '';
    const list = [...(value && !form.quarters.includes(value) ? [value] : []), ...form.quarters];
    return input({
      kind: 'choice',
      id: field,
      label,
      choices: list.map((q) => ({ value: q, label: q })),
      ...(value ? { value } : {}),
      required: true,
      ...err(field),
    });
  };
  const textInput = (field: string, label: string, maxLength: number, placeholder?: string): Part =>
    input({
      kind: 'text',
      id: field,
      label,
      value: v[field] ?? '',
      maxLength,
      ...(placeholder ? { placeholder } : {}),
      ...err(field),
    });
  const links = await linkChoices(ctx.queries, ctx.person.id, locale, form, true);
  const title = t(locale, 'plan.title', { title: form.title });
  const parts: Part[] = [
    heading(title),
    ...saidPart(shown.said),
    text(t(locale, 'plan.intro', { first: form.first, last: form.last }), { subtle: true }),
    quarters('startQuarter', t(locale, 'plan.start')),
    quarters('endQuarter', t(locale, 'plan.end')),
  ];
  if (form.otherYears.length)
    parts.push(
      text(
        t(locale, 'plan.otherYears', {
          list: form.otherYears.map(([y, eur]) => `${y}: ${euros(eur)}`).join(', '),
        }),
        { subtle: true },
      ),
    );
  for (const year of form.years) parts.push(textInput(moneyField(year), t(locale, 'plan.money', { year }), 16, '0'));
  parts.push(
    textInput('fundingSource', t(locale, 'plan.fundingSource'), 500),
    textInput('people', t(locale, 'plan.people'), 8, '2,5'),
    textInput('tehikTeam', t(locale, 'plan.tehikTeam'), 200),
  );
  const chosen = (v.linkedItemIds ?? '').split(',').filter(Boolean);
  if (links.length || chosen.length)
    parts.push(
      input({
        kind: 'search',
        id: 'linkedItemIds',
        dataset: ITEMS_DATASET,
        multiple: true,
        label: t(locale, 'plan.links'),
        placeholder: t(locale, 'plan.linksSearch'),
        choices: links.map((l) => ({ value: l.value, label: l.title })),
        value: chosen,
        ...err('linkedItemIds'),
      }),
    );
  const foot: Button[] = [go(locale, 'plan.backToPortfolio', 'portfolio.show', back)];
  if (form.done) {
    parts.push(text(t(locale, 'plan.takeOutNote'), { subtle: true }));
    foot.push(go(locale, 'plan.takeOut', 'plan.takeOutAsk', { itemId: form.itemId, ...back }, { style: 'danger' }));
  }
  return {
    title: t(locale, 'plan.button'),
    parts,
    submit: {
      label: t(locale, 'plan.save'),
      action: 'plan.save',
      args: { itemId: form.itemId, ...back },
      style: 'primary',
    },
    buttons: foot,
  };
}

const placeSchema = {
  itemId: id(),
  domainId: z.string().max(20).optional(),
  institutionId: z.string().max(100).optional(),
  status: z.string().max(20).optional(),
  period: z.string().max(20).optional(),
  page: z.coerce.number().int().min(0).max(100_000).optional(),
};

/** The item to plan and where to return, or the answer that says why not. */
async function planned(
  ctx: FlowContext,
  args: Args,
): Promise<{ item: Planned; back: Record<string, string | number> } | { reply: Awaited<ReturnType<Flow['run']>> }> {
  const locale = ctx.person.locale;
  const a = argsOf(placeSchema, args);
  const back = placeArgs(cleanFilter(ctx.dir, a ?? {}), a?.page ?? 0);
  if (!a) return { reply: show(await portfolioView(ctx, {}, 0, unreadableSaid(locale))) };
  const found = await plannableItem(ctx.queries, ctx.dir, ctx.person.id, a.itemId);
  if ('problem' in found)
    return {
      reply: show(
        await portfolioView(ctx, cleanFilter(ctx.dir, back), pageOf(back), {
          text: t(locale, found.problem),
          bad: true,
        }),
      ),
    };
  return { item: found.item, back };
}

export const portfolioFlows: Flow[] = [
  {
    id: 'portfolio.show',
    run: async (ctx, args) => show(await portfolioView(ctx, cleanFilter(ctx.dir, args), pageOf(args))),
  },
  {
    id: 'portfolio.filter',
    run: async (ctx, _args, inputs) =>
      show(
        await portfolioView(
          ctx,
          cleanFilter(ctx.dir, {
            domainId: inputs.text('domainId'),
            institutionId: inputs.text('institutionId'),
            status: inputs.text('status'),
            period: inputs.text('period'),
          }),
          0,
        ),
      ),
  },
  {
    id: 'plan.show',
    opensForm: true,
    run: async (ctx, args) => {
      const p = await planned(ctx, args);
      if ('reply' in p) return p.reply;
      return show(await planView(ctx, planForm(p.item, ctx.now(), undefined, ctx.person.locale), p.back));
    },
  },
  {
    id: 'plan.save',
    run: async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      const p = await planned(ctx, args);
      if ('reply' in p) return p.reply;
      const now = ctx.now();
      const form = planForm(
        p.item,
        now,
        typedValues(planForm(p.item, now), (f) => readPlanField(inputs, f)),
        locale,
      );
      const parsed = planInput(form, p.item);
      const fix = { text: t(locale, 'deskFlow.fixFields'), bad: true };
      if (!parsed.ok)
        return show(
          await planView(ctx, form, p.back, {
            said: fix,
            errors: Object.fromEntries(Object.entries(parsed.errors).map(([f, k]) => [f, t(locale, k)])),
          }),
        );
      const r = await change(ctx, 'planItem', parsed.input);
      if (!r.ok) {
        const { said } = formRefusal(locale, r.refusal, []);
        return show(
          await planView(ctx, form, p.back, {
            said: fix,
            errors: { [refusalField(form, r.refusal, p.item)]: said.text },
          }),
        );
      }
      const saved = (await ctx.queries.plannedItem(ctx.person.id, p.item.id))!;
      return show(
        await planView(ctx, planForm(saved, now, undefined, locale), p.back, {
          said: { text: t(locale, 'deskFlow.planSaved') },
        }),
      );
    },
  },
  {
    id: 'plan.takeOutAsk',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const p = await planned(ctx, args);
      if ('reply' in p) return p.reply;
      const place = { itemId: p.item.id, ...p.back };
      return show({
        title: t(locale, 'plan.takeOut'),
        parts: [
          heading(t(locale, 'plan.takeOut')),
          text(t(locale, 'plan.takeOutConfirm', { title: p.item.title }), { strong: true }),
        ],
        buttons: [
          go(locale, 'plan.takeOutYes', 'plan.takeOut', place, { style: 'danger' }),
          go(locale, 'plan.takeOutNo', 'plan.show', place),
        ],
      });
    },
  },
  {
    id: 'plan.takeOut',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const p = await planned(ctx, args);
      if ('reply' in p) return p.reply;
      const r = await change(ctx, 'removeFinishedItem', { itemId: p.item.id });
      const said: Said = r.ok
        ? { text: t(locale, 'deskFlow.takenOut', { title: p.item.title }) }
        : formRefusal(locale, r.refusal, []).said;
      return show(await portfolioView(ctx, cleanFilter(ctx.dir, p.back), pageOf(p.back), said));
    },
  },
];

/** A plan field as typed (the linked items are a list on Slack, ids joined by commas on Teams). */
function readPlanField(inputs: Inputs, field: string): string {
  return field === 'linkedItemIds' ? inputs.list(field).join(',') : inputs.text(field);
}

/** Items found by title for the linked-items field (the portfolio manager's only; not the item itself). */
export const searchItems: Search = async (ctx, typed, args) => {
  if (!mayRead(ctx.dir, ctx.person.id, 'plannedItem')) return [];
  const except = typeof args.itemId === 'string' ? args.itemId : '';
  const found = await ctx.queries.itemChoices(ctx.person.id, ctx.person.locale, { text: typed, exceptId: except });
  return found.map((i) => ({ value: i.value, label: i.title }));
};

// ---- status updates ----------------------------------------------------------------------------

/**
 * The items a person reports on, each with the button to update it; `said` is what was just saved,
 * `intro` the status request's "the committee reviews the portfolio on …".
 */
export function statusView(locale: Locale, rows: PortfolioRow[], said?: Said, intro?: string): View {
  const parts: Part[] = [heading(t(locale, 'status.title')), ...saidPart(said), ...(intro ? [text(intro)] : [])];
  if (!rows.length) parts.push(text(t(locale, 'deskFlow.noStatusItems'), { subtle: true }));
  for (const r of rows.slice(0, 20))
    parts.push(
      text(
        t(locale, 'deskFlow.statusLine', {
          title: r.title,
          from: r.startQuarter,
          until: r.endQuarter,
          status: `@itemStatus.${r.status}`,
          progress: r.progress,
        }),
      ),
      buttons([go(locale, 'deskFlow.updateStatus', 'status.form', { itemId: r.id }, { style: 'primary' })]),
    );
  if (rows.length > 20)
    parts.push(text(t(locale, 'deskFlow.moreItems', { count: rows.length - 20 }), { subtle: true }));
  return {
    title: t(locale, 'status.title'),
    parts,
    buttons: [go(locale, 'conversation.button.portfolio', 'portfolio.show')],
  };
}

export function statusForm(
  locale: Locale,
  r: PortfolioRow,
  typed: { status: string; progress: string; note: string },
  shown: { said?: Said; errors?: Record<string, string> } = {},
): View {
  const e = shown.errors ?? {};
  return {
    title: t(locale, 'status.title'),
    parts: [
      heading(r.title),
      ...saidPart(shown.said),
      text(`${r.startQuarter}–${r.endQuarter}`, { subtle: true }),
      input({
        kind: 'choice',
        id: 'status',
        label: t(locale, 'status.status'),
        choices: ITEM_STATUSES.map((s) => ({ value: s, label: t(locale, `itemStatus.${s}` as MessageKey) })),
        value: typed.status,
        required: true,
        ...(e.status ? { error: e.status } : {}),
      }),
      input({
        kind: 'number',
        id: 'progress',
        label: t(locale, 'status.progress'),
        value: typed.progress,
        placeholder: '0–100',
        required: true,
        ...(e.progress ? { error: e.progress } : {}),
      }),
      input({
        kind: 'text',
        id: 'note',
        label: t(locale, 'status.note'),
        multiline: true,
        maxLength: 2000,
        value: typed.note,
        ...(e.note ? { error: e.note } : {}),
      }),
    ],
    submit: { label: t(locale, 'status.save'), action: 'status.save', args: { itemId: r.id }, style: 'primary' },
    buttons: [go(locale, 'deskFlow.backToStatus', 'status.show')],
  };
}

async function statusOf(ctx: FlowContext, said?: Said): Promise<View> {
  return statusView(ctx.person.locale, await ctx.queries.statusItems(ctx.person.id), said);
}

async function statusRow(ctx: FlowContext, args: Args): Promise<PortfolioRow | undefined> {
  const a = argsOf({ itemId: id() }, args);
  return a ? (await ctx.queries.statusItems(ctx.person.id)).find((r) => r.id === a.itemId) : undefined;
}

export const statusFlows: Flow[] = [
  { id: 'status.show', run: async (ctx) => show(await statusOf(ctx)) },
  {
    id: 'status.form',
    opensForm: true,
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const r = await statusRow(ctx, args);
      if (!r) return show(await statusOf(ctx, { text: t(locale, 'deskFlow.statusNotYours'), bad: true }));
      return show(statusForm(locale, r, { status: r.status, progress: String(r.progress), note: '' }));
    },
  },
  {
    id: 'status.save',
    run: async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      const r = await statusRow(ctx, args);
      if (!r) return show(await statusOf(ctx, { text: t(locale, 'deskFlow.statusNotYours'), bad: true }));
      const typed = {
        status: inputs.text('status'),
        progress: inputs.text('progress').trim(),
        note: inputs.text('note'),
      };
      const progress = /^\d{1,3}$/.test(typed.progress.replace(/\s|%/g, ''))
        ? Number(typed.progress.replace(/\s|%/g, ''))
        : NaN;
      if (!(progress >= 0 && progress <= 100))
        return show(
          statusForm(locale, r, typed, {
            said: { text: t(locale, 'deskFlow.fixFields'), bad: true },
            errors: { progress: t(locale, 'deskFlow.notProgress') },
          }),
        );
      const note = typed.note.trim();
      const res = await change(ctx, 'recordStatusUpdate', {
        itemId: r.id,
        status: typed.status,
        progress,
        ...(note ? { note } : {}),
      });
      if (!res.ok)
        return show(statusForm(locale, r, typed, formRefusal(locale, res.refusal, ['status', 'progress', 'note'])));
      const said = {
        text: t(locale, 'deskFlow.statusSaved', { title: r.title, status: `@itemStatus.${typed.status}`, progress }),
      };
      return done(said.text, await statusOf(ctx, said));
    },
  },
];
