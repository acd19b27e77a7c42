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

const json = (x: unknown) => JSON.stringify(x);
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
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'portfolio.plan', { itemId: ITEM.id }), 'plan-1')
    ).value;
    expect(json(form)).toContain('Töö plaan: Hooldekodude register');
    const last = String(Number(year) - 1);
    expect(json(form)).toContain(`Raha väljaspool 4-aastast vaadet (jääb alles): ${last}: 7000\u00a0€`);
    const save = TeamsDriver.button(form, 'portfolio.planSave');
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
          ...TeamsDriver.button(portfolio, 'portfolio.filter'),
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
      await d.click('mari.maasikas', TeamsDriver.button(planned, 'portfolio.plan', { itemId: ITEM.id }), 'back-2')
    ).value;
    const saved = (
      await d.click(
        'mari.maasikas',
        {
          ...TeamsDriver.button(form, 'portfolio.planSave'),
          startQuarter: '',
          endQuarter: '',
          tehikTeam: 'Hoolekanne',
        },
        'back-3',
      )
    ).value;
    expect(json(saved)).toContain('Plaan on salvestatud.');
    const back = (await d.click('mari.maasikas', TeamsDriver.button(saved, 'portfolio.page'), 'back-4')).value;
    expect(json(back)).toContain('Arendusportfell (1 tööd)');
    expect(json(back)).toContain('"value":"planned"');
  });

  it('links are chosen by typing part of a title; the item itself cannot be linked; others find nothing', async () => {
    const found = await d.search('mari.maasikas', 'portfolioItems', 'vana');
    expect(found.value.results).toEqual([{ title: 'Vana liides (Sotsiaalkindlustusamet)', value: DONE.id }]);
    expect((await d.search('siim.sepp', 'portfolioItems', 'vana')).value.results).toEqual([]);
    const portfolio = await rig.answer('mari.maasikas', 'portfell');
    const form = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'portfolio.plan', { itemId: ITEM.id }), 'link-1')
    ).value;
    expect(json(form)).toContain('"dataset":"portfolioItems"');
    const saved = (
      await d.click(
        'mari.maasikas',
        { ...TeamsDriver.button(form, 'portfolio.planSave'), linkedItemIds: `${DONE.id},${ITEM.id}` },
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
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'portfolio.plan', { itemId: ITEM.id }), 'out-0')
    ).value;
    expect(json(running)).not.toContain('portfolio.takeOut');
    const finished = (
      await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'portfolio.plan', { itemId: DONE.id }), 'out-1')
    ).value;
    expect(json(finished)).toContain('Kas võtta „Vana liides“ portfellist välja? Seda ei saa tagasi pöörata.'); // asked first
    const takeOut = TeamsDriver.button(finished, 'portfolio.takeOut');
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
        (await d.click('mari.maasikas', TeamsDriver.button(portfolio, 'portfolio.plan', { itemId: DONE.id }), 'out-4'))
          .value,
      ),
    ).toContain('juba välja võetud');
  });

  it('someone else sees no button and is refused', async () => {
    const portfolio = await rig.answer('siim.sepp', 'portfell');
    expect(json(portfolio)).not.toContain('portfolio.plan');
    const before = await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } });
    const refused = await d.click(
      'siim.sepp',
      {
        action: 'portfolio.planSave',
        itemId: ITEM.id,
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

  it('a finished item is taken out from its plan modal', async () => {
    const { api, slack } = rig;
    await slack.interaction({
      type: 'block_actions',
      user: { id: MARI },
      trigger_id: 'td',
      response_url: `${api.url}../respond/d1`,
      channel: { id: `D${MARI}` },
      message: { ts: '2.1' },
      actions: [{ type: 'button', action_id: 'plan_open', value: DONE.id, action_ts: '3' }],
    });
    const modal = (
      await until(() =>
        api
          .of('views.open')
          .find((c) => c.params.view.callback_id === 'plan_item' && c.params.view.private_metadata.includes(DONE.id)),
      )
    ).params.view;
    expect(JSON.stringify(modal)).toContain('plan_take_out');
    expect(JSON.stringify(modal)).toContain('Seda ei saa tagasi pöörata.'); // Slack asks before it is sent
    await slack.interaction({
      type: 'block_actions',
      user: { id: MARI },
      trigger_id: 'te',
      view: { ...modal, id: 'VDONE' },
      actions: [{ type: 'button', action_id: 'plan_take_out', block_id: 'take_out', value: DONE.id, action_ts: '4' }],
    });
    const updated = await until(() => api.of('views.update').find((c) => c.params.view_id === 'VDONE'));
    expect(JSON.stringify(updated.params.view)).toContain('Töö „Vana liides“ on portfellist välja võetud.');
    expect((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: DONE.id } })).removedAt).not.toBeNull();
  });

  it('the portfolio manager plans in a modal; bad input and refusals go beside their field; others are refused', async () => {
    const { api, slack } = rig;
    const now = quarterOf(app.engine.now());
    const year = now.slice(0, 4);
    await slack.command(MARI, '/portfell', '', `${api.url}../respond/p1`);
    const view = await until(() => api.calls.find((c) => c.method.endsWith('respond/p1')));
    const buttons = view.params.blocks
      .map((b: { accessory?: { action_id: string; value: string } }) => b.accessory)
      .filter((a: { action_id?: string } | undefined) => a?.action_id === 'plan_open');
    expect(buttons.map((b: { value: string }) => b.value)).toContain(ITEM.id);
    await slack.interaction({
      type: 'block_actions',
      user: { id: MARI },
      trigger_id: 'tp',
      response_url: `${api.url}../respond/p2`,
      channel: { id: `D${MARI}` },
      message: { ts: '1.1' },
      actions: [{ type: 'button', action_id: 'plan_open', value: ITEM.id, action_ts: '1' }],
    });
    const modal = (
      await until(() =>
        api
          .of('views.open')
          .find((c) => c.params.view.callback_id === 'plan_item' && c.params.view.private_metadata.includes(ITEM.id)),
      )
    ).params.view;
    expect(JSON.stringify(modal)).toContain('Töö plaan: Hooldekodude register');
    expect(JSON.stringify(modal)).not.toContain('plan_take_out'); // not finished: it cannot be taken out
    const typed = {
      startQuarter: addQuarters(now, 2),
      endQuarter: addQuarters(now, 6),
      [`money_${year}`]: '50 000',
      people: '1,5',
      fundingSource: 'riigieelarve',
      tehikTeam: 'Hoolekanne',
    };

    const bad = await slack.submitView(MARI, modal, { ...typed, people: 'poolteist' });
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { people: 'Sisesta inimeste arv, nt 2,5 (kuni üks koht pärast koma, kuni 10 000).' },
    });
    const huge = await slack.submitView(MARI, modal, { ...typed, [`money_${year}`]: '1 500 000 000' });
    expect(huge.body.errors[`money_${year}`]).toContain('kuni 1 000 000 000');
    const order = await slack.submitView(MARI, modal, { ...typed, endQuarter: addQuarters(now, 1) });
    expect(order.body.errors.endQuarter).toBe('Lõppkvartal ei saa olla enne alguskvartalit.');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).toMatchObject({
      people: null,
      fundingSource: null,
    });

    // Linked items are found by typing (Slack's block_suggestion): not the item itself, not one taken out.
    const suggestions = await slack.interaction({
      type: 'block_suggestion',
      user: { id: MARI },
      block_id: 'linkedItemIds',
      action_id: 'v',
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
    await slack.command(SIIM, '/portfell', '', `${api.url}../respond/p3`);
    const theirs = await until(() => api.calls.find((c) => c.method.endsWith('respond/p3')));
    expect(JSON.stringify(theirs.params.blocks)).not.toContain('plan_open');
    await slack.interaction({
      type: 'block_actions',
      user: { id: SIIM },
      trigger_id: 'tq',
      response_url: `${api.url}../respond/p4`,
      channel: { id: `D${SIIM}` },
      message: { ts: '1.2' },
      actions: [{ type: 'button', action_id: 'plan_open', value: ITEM.id, action_ts: '2' }],
    });
    expect((await until(() => api.calls.find((c) => c.method.endsWith('respond/p4')))).params.text).toContain(
      'arendusportfellide haldur',
    );
    const refused = await slack.submitView(SIIM, modal, { ...typed, people: '9' });
    expect(refused.body.errors.startQuarter).toContain('arendusportfellide haldur');
    expect(Number((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ITEM.id } })).people)).toBe(1.5);
  });
});
