// A flow is one thing a person can do, written once for both platforms: the id its buttons carry,
// the engine command it runs (the engine decides who may), and what the person sees next.
// The platform folders turn clicks, modal submissions and typed words into `runFlow` calls and
// render the Reply; they decide nothing.
import { z } from 'zod';
import { t } from '../../i18n/catalogue.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import type { Audience } from '../../workflow/outbox-messages.ts';
import type { Directory, Person } from '../../workflow/directory.ts';
import { Inputs } from './inputs.ts';
import type { Downloads } from '../downloads.ts';
import type { Choice, Part, View } from './view.ts';

export type Platform = 'teams' | 'slack';

export interface FlowContext {
  engine: Engine;
  queries: Queries;
  dir: Directory;
  person: Person;
  platform: Platform;
  /** This click's delivery key: a repeated delivery or a double click has the same one. */
  key: string;
  /** Where answers sent after the change go (an outbox `reply` audience for this conversation). */
  replyTo: Extract<Audience, { kind: 'reply' }>;
  /**
   * The channel the person acts in, when it is one (not a personal chat): how its platform reaches it,
   * as linking the channel stores it (src/bot/flows/committee.ts). Set by the platform's wiring.
   */
  channel?: Record<string, unknown>;
  /** Download links the engine allows (exports, minutes, pictures) and publishing the portfolio. */
  downloads: Downloads;
  now(): Date;
}

export type Args = Record<string, string | number | null | undefined>;

export type Reply =
  /** What was clicked is replaced by this view (the card, the message, or the open modal). */
  | { kind: 'view'; view: View }
  /** A short answer to the person; what was clicked stays as it was. */
  | { kind: 'notice'; text: string }
  /** A form is finished: Slack closes its modal; Teams shows the text in the form's place. */
  | { kind: 'done'; text: string; view?: View };

export interface Flow {
  id: string;
  /** Its answer is a form: Slack opens a modal for it at once (a click's trigger expires in 3 s). */
  opensForm?: boolean;
  run(ctx: FlowContext, args: Args, inputs: Inputs): Promise<Reply>;
  /**
   * The person closed this flow's form without sending it (Slack tells when a modal is closed; a
   * Teams card is never closed): keep what was typed. Nothing is shown afterwards.
   */
  closed?(ctx: FlowContext, args: Args, inputs: Inputs): Promise<void>;
}

export const show = (view: View): Reply => ({ kind: 'view', view });
export const notice = (text: string): Reply => ({ kind: 'notice', text });
/** A finished form: the text is what happened; a view shown with it starts with that text (unless it says it already). */
export function done(text: string, view?: View): Reply {
  if (!view) return { kind: 'done', text };
  const said =
    view.title === text || view.parts.some((p) => (p.kind === 'text' || p.kind === 'heading') && p.text === text);
  if (said) return { kind: 'done', text, view };
  const [first, ...rest] = view.parts;
  const parts: Part[] =
    first?.kind === 'heading'
      ? [first, { kind: 'text', text, strong: true }, ...rest]
      : [{ kind: 'text', text, strong: true }, ...view.parts];
  return { kind: 'done', text, view: { ...view, parts } };
}

export function defineFlows(...flows: Flow[]): Map<string, Flow> {
  const map = new Map<string, Flow>();
  for (const f of flows) {
    if (map.has(f.id)) throw new Error(`Two flows are called ${f.id}`);
    map.set(f.id, f);
  }
  return map;
}

/** A button's arguments as the platforms hand them back: read with a schema, as anything may come. */
export const argsSchema = z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.null()]));

/** Runs a flow by id; an id no flow has gets the help with "I did not understand". */
export async function runFlow(
  flows: ReadonlyMap<string, Flow>,
  ctx: FlowContext,
  id: string,
  args: unknown,
  inputs: Record<string, unknown>,
): Promise<Reply> {
  const flow = flows.get(id) ?? flows.get('help.unknown');
  const parsed = argsSchema.safeParse(args ?? {});
  if (!flow || !parsed.success) return notice(t(ctx.person.locale, 'slack.unreadable'));
  return flow.run(ctx, parsed.data, new Inputs(inputs));
}

/** The choices of a 'search' input's dataset whose names contain `text` (see view.ts, kind 'search'). */
export type Search = (ctx: FlowContext, text: string, args: Args) => Promise<Choice[]>;

/** Runs a dataset's search for what was typed; an unknown dataset or unreadable arguments find nothing. */
export async function runSearch(
  searches: Readonly<Record<string, Search>>,
  ctx: FlowContext,
  dataset: string,
  text: string,
  args: unknown,
): Promise<Choice[]> {
  const search = Object.hasOwn(searches, dataset) ? searches[dataset] : undefined;
  const parsed = argsSchema.safeParse(args ?? {});
  if (!search || !parsed.success) return [];
  return search(ctx, text.slice(0, 100), parsed.data);
}
