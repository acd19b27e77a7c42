// The portfolio manager plans an item from the portfolio view, in Teams (a card) and in Slack (a
// modal): quarters within the horizon, euros per year, funding source, people, TEHIK team. What
// cannot be read, or a refusal, comes back beside its field with everything as it was typed, and
// changes nothing; only the portfolio manager sees the button, and anyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { addQuarters, quarterOf } from '../src/workflow/calendar.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

/** What a card or modal says, as read: the escapes that keep typed text literal (\\( \\.) taken off. */
const json = (x: unknown) => JSON.stringify(x).replace(/\\\\([()[\]*_.!#+-])/g, '$1');
const ITEM = {
  id: 'plan-a',
  title: 'Hooldekodude register',
  domainId: 'social',
  institutionId: 'SKA',
  status: 'planned',
  moneyPerYear: {},
};
const DONE = {
  id: 'plan-done',
  title: 'Vana liides',
  domainId: 'social',
  institutionId: 'SKA',
  status: 'done',
  progress: 100,
  moneyPerYear: {},
};
const OTHER = {
  id: 'plan-other',
  title: 'Abivahendite liides',
  domainId: 'health',
  institutionId: 'TerK',
  status: 'planned',
  moneyPerYear: {},
};

describe('planning an item in Teams', () => {
  let rig: TeamsRig;
  let app: RunningApp;
  let d: TeamsDriver;
  beforeAll(async () => {
    rig = await startTeamsRig();
    ({ app, d } = rig);
    const now = quarterOf(app.engine.now());
    // Begun two quarters ago: before the horizon, which starts with the current quarter; with money last year.
    await app.db.prisma.portfolioItem.create({
      data: {
        ...ITEM,
        startQuarter: addQuarters(now, -2),
        endQuarter: addQuarters(now, 4),
        moneyPerYear: { [String(Number(now.slice(0, 4)) - 1)]: 7000 },
      },
    });
    await app.db.prisma.portfolioItem.create({ data: { ...DONE, startQuarter: now, endQuarter: now } });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('the portfolio manager plans from the portfolio; bad input and refusals keep what was typed', async () => {
    const now = quarterOf(app.engine.now());
    const year = now.slice(0, 4);
    const next = String(Number(year) + 1);
    const portfolio = await rig.answer('mari.maasikas', 'portfell');
    const form = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'plan.show', { itemId: ITEM.id }), 'plan-1')
    ).value;
    expect(json(form)).toContain('Töö plaan: Hooldekodude register');
    const last = String(Number(year) - 1);
    expect(json(form)).toContain(`Raha väljaspool 4-aastast vaadet (jääb alles): ${last}: 7000\u00a0€`);
    const save = TeamsDriver.titled(form, 'Salvesta plaan');
    const typed = {
      startQuarter: addQuarters(now, 2),
      endQuarter: addQuarters(now, 7),
      [`money_${year}`]: '120 000',
      [`money_${next}`]: '80000',
      fundingSource: 'EL struktuurifondid',
      people: '2,5',
      tehikTeam: 'Sotsiaalsüsteemid',
    };

    // The start, before the horizon, is kept when only other fields change.
    const kept = (
      await d.click(
        'mari.maasikas',
        { ...save, startQuarter: addQuarters(now, -2), endQuarter: addQuarters(now, 4), tehikTeam: 'Hoolekanne' },
        'plan-0',
      )
    ).value;
    expect(json(kept)).toContain('Plaan on salvestatud.');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).toMatchObject({
      startQuarter: addQuarters(now, -2),
      tehikTeam: 'Hoolekanne',
    });

    // An amount that is not a number: told beside it, the rest kept, nothing saved.
    const bad = (await d.click('mari.maasikas', { ...save, ...typed, [`money_${next}`]: 'kaheksakümmend' }, 'plan-2'))
      .value;
    expect(json(bad)).toContain('Sisesta summa täisarvuna eurodes');
    expect(json(bad)).toContain('kaheksakümmend');
    expect(json(bad)).toContain('EL struktuurifondid');
    const tooMuch = (await d.click('mari.maasikas', { ...save, ...typed, people: '10 001' }, 'plan-2b')).value;
    expect(json(tooMuch)).toContain('kuni 10 000');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).toMatchObject({
      moneyPerYear: { [last]: 7000 },
      people: null,
      tehikTeam: 'Hoolekanne',
    });

    // The end before the start: the engine refuses, beside the end quarter.
    const order = (await d.click('mari.maasikas', { ...save, ...typed, endQuarter: addQuarters(now, 1) }, 'plan-3'))
      .value;
    expect(json(order)).toContain('Lõppkvartal ei saa olla enne alguskvartalit');
    expect(json(order)).toContain('Sotsiaalsüsteemid');

    const saved = (await d.click('mari.maasikas', { ...save, ...typed }, 'plan-4')).value;
    expect(json(saved)).toContain('Plaan on salvestatud.');
    const item = await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } });
    expect(item).toMatchObject({
      startQuarter: typed.startQuarter,
      endQuarter: typed.endQuarter,
      moneyPerYear: { [last]: 7000, [year]: 120_000, [next]: 80_000 },
      fundingSource: 'EL struktuurifondid',
      tehikTeam: 'Sotsiaalsüsteemid',
    });
    expect(Number(item.people)).toBe(2.5);
    expect(
      await app.db.prisma.auditEvent.count({
        where: { entityType: 'portfolioItem', entityId: ITEM.id, actorId: 'mari.maasikas' },
      }),
    ).toBe(2);

    // The same click delivered again changes nothing twice.
    await d.click('mari.maasikas', { ...save, ...typed }, 'plan-4');
    expect(await app.db.prisma.auditEvent.count({ where: { entityType: 'portfolioItem', entityId: ITEM.id } })).toBe(2);
  });

  it('the way back from a plan returns to the page and filter the manager came from, also after saving', async () => {
    const portfolio = await rig.answer('mari.maasikas', 'portfell');
    const planned = (
      await d.click(
        'mari.maasikas',
        {
          ...TeamsDriver.titled(portfolio, 'Filtreeri'),
          domainId: 'all',
          institutionId: 'all',
          status: 'planned',
          period: '',
        },
        'back-1',
      )
    ).value;
    expect(json(planned)).toContain('Arendusportfell (1 tööd)');
    const form = (
      await d.click('mari.maasikas', TeamsDriver.button(planned, 'plan.show', { itemId: ITEM.id }), 'back-2')
    ).value;
    const saved = (
      await d.click(
        'mari.maasikas',
        {
          ...TeamsDriver.titled(form, 'Salvesta plaan'),
          startQuarter: '',
          endQuarter: '',
          tehikTeam: 'Hoolekanne',
        },
        'back-3',
      )
    ).value;
    expect(json(saved)).toContain('Plaan on salvestatud.');
    const back = (await d.click('mari.maasikas', TeamsDriver.titled(saved, 'Tagasi portfelli'), 'back-4')).value;
    expect(json(back)).toContain('Arendusportfell (1 tööd)');
    expect(json(back)).toContain('"value":"planned"');
  });

  it('links are chosen by typing part of a title; the item itself cannot be linked; others find nothing', async () => {
    const found = await d.search('mari.maasikas', 'portfolioItems', 'vana');
    expect(found.value.results).toEqual([{ title: 'Vana liides (Sotsiaalkindlustusamet)', value: DONE.id }]);
    expect((await d.search('siim.sepp', 'portfolioItems', 'vana')).value.results).toEqual([]);
    const portfolio = await rig.answer('mari.maasikas', 'portfell');
    const form = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'plan.show', { itemId: ITEM.id }), 'link-1')
    ).value;
    expect(json(form)).toContain('"dataset":"portfolioItems"');
    const saved = (
      await d.click(
        'mari.maasikas',
        { ...TeamsDriver.titled(form, 'Salvesta plaan'), linkedItemIds: `${DONE.id},${ITEM.id}` },
        'link-2',
      )
    ).value;
    expect(json(saved)).toContain('Plaan on salvestatud.');
    expect(await app.db.prisma.portfolioLink.findMany({ where: { fromId: ITEM.id }, select: { toId: true } })).toEqual([
      { toId: DONE.id },
    ]);
    expect(json(saved)).toContain(`"value":"${DONE.id}"`); // shown as chosen
  });

  it('a finished item is taken out of the portfolio from its plan, once', async () => {
    const portfolio = await rig.answer('mari.maasikas', 'portfell');
    const running = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'plan.show', { itemId: ITEM.id }), 'out-0')
    ).value;
    expect(json(running)).not.toContain('Võta portfellist välja');
    const finished = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'plan.show', { itemId: DONE.id }), 'out-1')
    ).value;
    const asked = (await d.press('mari.maasikas', finished, 'Võta portfellist välja', {}, 'out-1b')).value;
    expect(json(asked)).toContain('Kas võtta „Vana liides“ portfellist välja? Seda ei saa tagasi pöörata.'); // asked first
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: DONE.id } })).toMatchObject({
      removedAt: null,
    });
    const takeOut = TeamsDriver.titled(asked, 'Jah, võta välja');
    expect(json((await d.click('mari.maasikas', takeOut, 'out-2')).value)).toContain(
      'Töö „Vana liides“ on portfellist välja võetud.',
    );
    expect((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: DONE.id } })).removedAt).not.toBeNull();
    expect(json((await d.click('mari.maasikas', { ...takeOut, n: 'again' }, 'out-3')).value)).toContain(
      'juba välja võetud',
    );
    // Taken out, it cannot be planned any more (an old portfolio card still has its button).
    expect(
      json(
        (await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'plan.show', { itemId: DONE.id }), 'out-4'))
          .value,
      ),
    ).toContain('juba välja võetud');
  });

  it('someone else sees no button and is refused', async () => {
    const portfolio = await rig.answer('siim.sepp', 'portfell');
    expect(json(portfolio)).not.toContain('Planeeri');
    const before = await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } });
    const refused = await d.click(
      'siim.sepp',
      {
        action: 'plan.save',
        args: { itemId: ITEM.id },
        startQuarter: before.startQuarter,
        endQuarter: before.endQuarter,
        people: '99',
      },
      'plan-x',
    );
    expect(json(refused.value)).toContain('arendusportfellide haldur');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).toEqual(before);
  });
});

describe('planning an item in Slack', () => {
  const MARI = 'U0MARI001';
  const SIIM = 'U0SIIM001';
  let rig: SlackRig;
  let app: RunningApp;
  beforeAll(async () => {
    rig = await startSlackRig();
    ({ app } = rig);
    const now = quarterOf(app.engine.now());
    await app.db.prisma.portfolioItem.create({
      data: { ...ITEM, startQuarter: addQuarters(now, 1), endQuarter: addQuarters(now, 4) },
    });
    await app.db.prisma.portfolioItem.create({ data: { ...DONE, startQuarter: now, endQuarter: now } });
    await app.db.prisma.portfolioItem.create({
      data: { ...OTHER, startQuarter: now, endQuarter: addQuarters(now, 2) },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  /** The portfolio of /portfell as this person sees it (an ephemeral answer at the response URL). */
  async function portfolioOf(user: string, n: string) {
    const { api, slack } = rig;
    await slack.command(user, '/portfell', '', `${api.url}../respond/${n}`);
    return (await until(() => api.calls.find((c) => c.method.endsWith(`respond/${n}`)))).params;
  }
  /** The "Planeeri" button of an item. */
  const planButton = (blocks: any[], itemId: string) =>
    blocks
      .flatMap((b) => b.elements ?? [])
      .find((e: any) => e.text?.text === 'Planeeri' && JSON.parse(e.value).itemId === itemId);
  /** Clicks "Planeeri" of an item: the plan opens in a modal (at once, then filled in). */
  async function openPlan(user: string, blocks: any[], itemId: string, n: string) {
    const { api, slack } = rig;
    const b = planButton(blocks, itemId);
    await slack.interaction({
      type: 'block_actions',
      user: { id: user },
      trigger_id: `t${n}`,
      response_url: `${api.url}../respond/${n}`,
      channel: { id: `D${user}` },
      message: { ts: `${n}.1` },
      actions: [{ type: 'button', action_id: b.action_id, value: b.value, action_ts: n }],
    });
    const opened = await until(() => api.of('views.open').find((c) => c.params.trigger_id === `t${n}`));
    const viewId = String(opened.result?.view?.id ?? opened.params.view.id ?? `V${n}`);
    const filled = await until(() => api.of('views.update').find((c) => c.params.view_id === viewId));
    return { view: { ...filled.params.view, id: viewId }, viewId };
  }
  /** Clicks a button in a modal; returns the modal as it is updated. */
  async function pressIn(user: string, m: { view: any; viewId: string }, text: string) {
    const { api, slack } = rig;
    const before = api.of('views.update').length;
    await slack.press(user, text, m);
    const updated = await until(() =>
      api
        .of('views.update')
        .slice(before)
        .find((c) => c.params.view_id === m.viewId),
    );
    return { view: { ...updated.params.view, id: m.viewId }, viewId: m.viewId };
  }

  it('a finished item is taken out from its plan modal, asked first', async () => {
    const blocks = (await portfolioOf(MARI, 'd0')).blocks;
    const plan = await openPlan(MARI, blocks, DONE.id, 'd1');
    expect(JSON.stringify(plan.view)).toContain('Töö plaan: Vana liides');
    const asked = await pressIn(MARI, plan, 'Võta portfellist välja');
    expect(JSON.stringify(asked.view)).toContain('Seda ei saa tagasi pöörata.');
    expect((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: DONE.id } })).removedAt).toBeNull();
    const done = await pressIn(MARI, asked, 'Jah, võta välja');
    expect(JSON.stringify(done.view)).toContain('Töö „Vana liides“ on portfellist välja võetud.');
    expect((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: DONE.id } })).removedAt).not.toBeNull();
  });

  it('the portfolio manager plans in a modal; bad input and refusals go beside their field; others are refused', async () => {
    const { api, slack } = rig;
    const now = quarterOf(app.engine.now());
    const year = now.slice(0, 4);
    const blocks = (await portfolioOf(MARI, 'p1')).blocks;
    expect(planButton(blocks, ITEM.id)).toBeTruthy();
    const { view: modal } = await openPlan(MARI, blocks, ITEM.id, 'p2');
    expect(modal.callback_id).toBe('flow:plan.save');
    expect(JSON.stringify(modal)).toContain('Töö plaan: Hooldekodude register');
    expect(JSON.stringify(modal)).not.toContain('Võta portfellist välja'); // not finished: it cannot be taken out
    const typed = {
      startQuarter: addQuarters(now, 2),
      endQuarter: addQuarters(now, 6),
      [`money_${year}`]: '50 000',
      people: '1,5',
      fundingSource: 'riigieelarve',
      tehikTeam: 'Hoolekanne',
    };
    /** The text said beside an input of the updated modal (the context block under it). */
    const beside = (view: any, blockId: string) => {
      const i = view.blocks.findIndex((b: any) => b.block_id === blockId);
      const next = view.blocks[i + 1];
      return next?.type === 'context' ? String(next.elements[0].text) : '';
    };

    const bad = await slack.submitView(MARI, modal, { ...typed, people: 'poolteist' });
    expect(bad.body.response_action).toBe('update');
    expect(beside(bad.body.view, 'people')).toContain(
      'Sisesta inimeste arv, nt 2,5 (kuni üks koht pärast koma, kuni 10 000).',
    );
    expect(JSON.stringify(bad.body.view)).toContain('riigieelarve'); // what was typed is kept
    const huge = await slack.submitView(MARI, modal, { ...typed, [`money_${year}`]: '1 500 000 000' });
    expect(beside(huge.body.view, `money_${year}`)).toContain('kuni 1 000 000 000');
    const order = await slack.submitView(MARI, modal, { ...typed, endQuarter: addQuarters(now, 1) });
    expect(beside(order.body.view, 'endQuarter')).toContain('Lõppkvartal ei saa olla enne alguskvartalit.');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).toMatchObject({
      people: null,
      fundingSource: null,
    });

    // Linked items are found by typing (Slack's block_suggestion): not the item itself, not one taken out.
    const suggestions = await slack.interaction({
      type: 'block_suggestion',
      user: { id: MARI },
      block_id: 'linkedItemIds',
      action_id: 'search:portfolioItems',
      value: 'liides',
      view: { ...modal, id: 'V-test' },
    });
    expect(suggestions.body.options.map((o: { value: string }) => o.value)).toEqual([OTHER.id]);
    const saved = await slack.submitView(MARI, modal, { ...typed, linkedItemIds: [OTHER.id] });
    expect(saved.body.response_action).toBe('update');
    expect(await app.db.prisma.portfolioLink.count({ where: { fromId: ITEM.id, toId: OTHER.id } })).toBe(1);
    expect(JSON.stringify(saved.body.view)).toContain('"initial_options"');
    expect(JSON.stringify(saved.body.view)).toContain('Plaan on salvestatud.');
    const item = await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } });
    expect(item).toMatchObject({
      startQuarter: typed.startQuarter,
      endQuarter: typed.endQuarter,
      moneyPerYear: { [year]: 50_000 },
      fundingSource: 'riigieelarve',
      tehikTeam: 'Hoolekanne',
    });
    expect(Number(item.people)).toBe(1.5);

    // Someone else: no button on their portfolio; a click and a submission are refused, nothing changes.
    const theirs = await portfolioOf(SIIM, 'p3');
    expect(JSON.stringify(theirs.blocks)).not.toContain('Planeeri');
    const forged = await openPlan(SIIM, blocks, ITEM.id, 'p4');
    expect(JSON.stringify(forged.view)).toContain('arendusportfellide haldur');
    const refused = await slack.submitView(SIIM, modal, { ...typed, people: '9' });
    expect(JSON.stringify(refused.body)).toContain('arendusportfellide haldur');
    expect(Number((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).people)).toBe(1.5);
    expect(api.of('views.open').length).toBeGreaterThan(0);
  });
});
