// Slack: the portfolio manager plans an item from /portfell — a button on the item opens the plan
// modal; saving runs the engine's planItem. Unreadable input and refusals go beside their field with
// everything as typed; the saved plan comes back in the modal. Anyone else is refused politely.
import type { App } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import { t } from '../../i18n/catalogue.ts';
import { isPortfolioManager, type Locale, type Person } from '../../workflow/directory.ts';
import { planForm, planInput, refusalField, typedValues, type PlannedItem } from '../plan-form.ts';
import { linkChoices, plannableItem } from '../plan-data.ts';
import type { Queries } from '../../engine/queries.ts';
import { refusalText } from '../refusal-text.ts';
import { planModal } from './plan-modal.ts';
import { readState } from './state.ts';
import { itemMeta, readJson, unreadableModal } from './payload.ts';
import { section } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { afterCommit } from './replies.ts';

interface Ctx {
  app: App;
  engine: Engine;
  queries: Queries;
  defaultLocale: Locale;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}

export function registerPlanFlow(c: Ctx): void {
  const { app, engine, queries } = c;

  /** The item to plan, or why this person cannot plan it (in their language). */
  async function plannable(
    person: Person | undefined,
    itemId: string,
  ): Promise<{ item?: PlannedItem; problem?: string }> {
    if (!person) return { problem: t(c.defaultLocale, 'refusal.unknownPerson') };
    const found = await plannableItem(queries, engine.dir, person.id, itemId);
    return 'problem' in found ? { problem: t(person.locale, found.problem, { place: '' }) } : found;
  }

  app.action('plan_open', async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await c.personOf(body.user.id);
    const found = await plannable(person, action.value ?? '');
    if (!found.item) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: found.problem });
      return;
    }
    const form = planForm(found.item, engine.now(), undefined, person!.locale);
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: planModal(
        person!.locale,
        form,
        undefined,
        await linkChoices(queries, person!.id, person!.locale, form, false),
      ) as never,
    });
  });

  // A finished item taken out from the modal: the modal then says so (and can only be closed).
  app.action('plan_take_out', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action) || !body.view) return;
    const person = await c.personOf(body.user.id);
    const found = await plannable(person, action.value ?? '');
    let said = found.problem ?? '';
    if (found.item) {
      const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
      const r = await engine.run({
        command: 'removeFinishedItem',
        actorId: person!.id,
        input: { itemId: found.item.id },
        platform: 'slack',
        deliveryKey: key,
      });
      said = r.ok
        ? t(person!.locale, 'plan.takenOut', { title: found.item.title })
        : refusalText(person!.locale, r.refusal);
    }
    const locale = person?.locale ?? c.defaultLocale;
    const viewId = body.view.id;
    await afterCommit('showing the outcome', () =>
      app.client.views.update({
        view_id: viewId,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: t(locale, 'plan.button') },
          close: { type: 'plain_text', text: t(locale, 'slack.close') },
          blocks: [section(escapeMrkdwn(said))],
        } as never,
      }),
    );
  });

  // The linked-items field: items found by what the portfolio manager types (not the item itself).
  app.options<'block_suggestion'>({ block_id: 'linkedItemIds' }, async ({ ack, body }) => {
    const person = await c.personOf(body.user.id);
    const view = (body as { view?: { private_metadata?: string } }).view;
    const itemId = readJson(view?.private_metadata, itemMeta)?.itemId;
    if (itemId === undefined) {
      await ack({ options: [] });
      return;
    }
    const found =
      person && isPortfolioManager(engine.dir, person.id)
        ? await queries.itemChoices(person.id, person.locale, { text: String(body.value ?? ''), exceptId: itemId })
        : [];
    await ack({
      options: found.map((i) => ({ text: { type: 'plain_text', text: i.title.slice(0, 75) }, value: i.value })),
    });
  });

  app.view('plan_item', async ({ ack, body, view }) => {
    const person = await c.personOf(body.user.id);
    const meta = readJson(view.private_metadata, itemMeta);
    if (!meta) {
      await ack(unreadableModal(view, person?.locale ?? c.defaultLocale));
      return;
    }
    const { itemId } = meta;
    const found = await plannable(person, itemId);
    if (!found.item) {
      await ack({ response_action: 'errors', errors: { startQuarter: found.problem ?? '' } });
      return;
    }
    const locale = person!.locale;
    const now = engine.now();
    const state = readState(view.state.values as never);
    const form = planForm(
      found.item,
      now,
      typedValues(planForm(found.item, now), (f) => state[f]),
      locale,
    );
    const parsed = planInput(form, found.item);
    if (!parsed.ok) {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(parsed.errors).map(([f, k]) => [f, t(locale, k)])),
      });
      return;
    }
    // Each version of the modal (Slack changes its hash on update) saves once, however often Slack delivers it.
    const r = await engine.run({
      command: 'planItem',
      actorId: person!.id,
      input: parsed.input,
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:${view.hash ?? ''}:plan`,
    });
    if (!r.ok) {
      await ack({
        response_action: 'errors',
        errors: { [refusalField(form, r.refusal, found.item)]: refusalText(locale, r.refusal) },
      });
      return;
    }
    const saved = (await queries.plannedItem(person!.id, itemId))!;
    const savedForm = planForm(saved, now, undefined, locale);
    await ack({
      response_action: 'update',
      view: planModal(
        locale,
        savedForm,
        t(locale, 'plan.saved'),
        await linkChoices(queries, person!.id, locale, savedForm, false),
      ) as never,
    });
  });
}
