// Slack: the portfolio manager's desk (/portfell haldus), status requests (/portfell staatus) and the
// submitter's conditions checklist. Clicks become engine commands; the message is redrawn in place.
import type { App, RespondFn } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import { isPortfolioManager, type Locale, type Person } from '../../workflow/directory.ts';
import type { Downloads } from '../downloads.ts';
import type { FileKind } from '../../workflow/transitions/files.ts';
import { filesBlocks, linkBlocks } from './portfolio-blocks.ts';
import { refusalText } from '../refusal-text.ts';
import { conditionsBlocks, deskBlocks, statusBlocks } from './desk.ts';
import { afterCommit } from './replies.ts';

interface Ctx {
  app: App;
  engine: Engine;
  queries: Queries;
  db: PrismaClient;
  defaultLocale: Locale;
  downloads: Downloads;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}
type State = Record<
  string,
  Record<
    string,
    {
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
      selected_date?: string | null;
      selected_time?: string | null;
    }
  >
>;

export function registerDeskFlows(c: Ctx) {
  const { app, engine, db } = c;

  async function desk(person: Person, notice?: string) {
    const { toSchedule, meetings, past } = await c.queries.desk(person.id, engine.now());
    const [title, ...rest] = deskBlocks(engine.dir, person.locale, toSchedule, meetings, notice);
    return [title!, ...filesBlocks(engine.dir, person.locale, past), ...rest].slice(0, 50);
  }

  /** Runs a command for a click and redraws the ephemeral desk or status message in place. */
  async function act(
    respond: RespondFn,
    person: Person,
    command: Parameters<Engine['run']>[0]['command'],
    input: Record<string, unknown>,
    key: string,
    redraw: (notice: string) => Promise<unknown[]>,
  ) {
    const r = await engine.run({ command, actorId: person.id, input, platform: 'slack', deliveryKey: key });
    const notice = r.ok
      ? t(person.locale, 'desk.done', { what: command })
      : `:warning: ${refusalText(person.locale, r.refusal)}`;
    const answer = async () =>
      respond({ replace_original: true, text: notice, blocks: (await redraw(notice)) as never });
    if (r.ok) await afterCommit('redrawing the desk', answer);
    else await answer();
  }

  async function commandText(person: Person, verb: string): Promise<{ text: string; blocks?: unknown[] } | null> {
    if (verb === 'haldus' || verb === 'manage') {
      if (!isPortfolioManager(engine.dir, person.id))
        return { text: t(person.locale, 'refusal.only.portfolioManager', { place: '' }) };
      return { text: t(person.locale, 'desk.title'), blocks: await desk(person) };
    }
    if (verb === 'staatus' || verb === 'status')
      return {
        text: t(person.locale, 'status.title'),
        blocks: statusBlocks(person.locale, await c.queries.statusItems(person.id)),
      };
    return null;
  }

  const handle = (
    actionId: string | RegExp,
    run: (a: {
      person: Person;
      value: string;
      state: State;
      respond: RespondFn;
      key: string;
      body: { channel?: { id: string }; message?: { ts: string } };
    }) => Promise<void>,
  ) => {
    app.action(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      if (body.type !== 'block_actions' || !('value' in action)) return;
      const person = await c.personOf(body.user.id);
      if (!person) return;
      const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
      await run({
        person,
        value: action.value ?? '',
        state: (body.state?.values ?? {}) as State,
        respond,
        key,
        body: body as never,
      });
    });
  };

  const redrawDesk = (person: Person) => (notice: string) => desk(person, notice);
  handle('desk_schedule', async ({ person, value, state, respond, key }) =>
    act(
      respond,
      person,
      'schedule',
      { proposalId: value, meetingId: state[`schedule_${value}`]?.meeting?.selected_option?.value ?? '' },
      key,
      redrawDesk(person),
    ),
  );
  handle('desk_open_round', async ({ person, value, respond, key }) =>
    act(respond, person, 'openRound', { meetingId: value }, key, redrawDesk(person)),
  );
  handle('desk_close_round', async ({ person, value, respond, key }) =>
    act(respond, person, 'closeRound', { meetingId: value }, key, redrawDesk(person)),
  );
  handle(/^desk_open_poll(:|$)/, async ({ person, value, respond, key }) =>
    act(respond, person, 'openPoll', { proposalId: value }, key, redrawDesk(person)),
  );
  handle('desk_create_meeting', async ({ person, state, respond, key }) => {
    const m = state.new_meeting ?? {};
    const startsAt = tallinnToUtc(m.date?.selected_date ?? '', m.time?.selected_time ?? '10:00');
    if (!startsAt) {
      await respond({
        replace_original: true,
        text: t(person.locale, 'desk.date'),
        blocks: (await desk(
          person,
          `:warning: ${t(person.locale, 'desk.date')}: ${t(person.locale, 'field.required')}`,
        )) as never,
      });
      return;
    }
    await act(
      respond,
      person,
      'createMeeting',
      { domainId: m.domain?.selected_option?.value ?? 'social', startsAt: startsAt.toISOString() },
      key,
      redrawDesk(person),
    );
  });

  handle('desk_publish', async ({ person, respond, key }) => {
    const r = await c.downloads.publish(person, 'slack', key);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: r.ok ? t(person.locale, 'files.published', { number: r.number }) : `:warning: ${r.text}`,
      ...(r.ok
        ? {
            blocks: linkBlocks(
              person.locale,
              t(person.locale, 'files.published', { number: r.number }),
              r.url,
            ) as never,
          }
        : {}),
    });
  });
  handle(/^desk_file(:|$)/, async ({ person, value, respond, key }) => {
    let req: { kind?: string; meetingId?: string } = {};
    try {
      req = JSON.parse(value) as typeof req;
    } catch {
      /* refused below as an unknown file */
    }
    const r = await c.downloads.link(person, 'slack', key, {
      kind: (req.kind ?? '') as FileKind,
      ...(req.meetingId ? { meetingId: req.meetingId } : {}),
    });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: r.ok ? t(person.locale, 'files.ready') : `:warning: ${r.text}`,
      ...(r.ok ? { blocks: linkBlocks(person.locale, t(person.locale, 'files.ready'), r.url) as never } : {}),
    });
  });
  handle('desk_delta', async ({ person, value, state, respond, key }) =>
    act(
      respond,
      person,
      'recordMinutes',
      {
        meetingId: value,
        deltaNumber: (state[`delta_${value}`]?.delta as { value?: string | null } | undefined)?.value ?? '',
      },
      key,
      redrawDesk(person),
    ),
  );

  handle('status_save', async ({ person, value, state, respond, key }) => {
    const s = state[`status_${value}`] ?? {};
    await act(
      respond,
      person,
      'recordStatusUpdate',
      {
        itemId: value,
        status: s.status?.selected_option?.value ?? '',
        progress: Number(s.progress?.selected_option?.value ?? 0),
      },
      key,
      async (notice) => statusBlocks(person.locale, await c.queries.statusItems(person.id), notice),
    );
  });

  const conditions =
    (resubmit: boolean) =>
    async ({
      person,
      value,
      state,
      key,
      body,
    }: {
      person: Person;
      value: string;
      state: State;
      key: string;
      body: { channel?: { id: string }; message?: { ts: string } };
    }) => {
      const chosen = new Set((state.conditions?.met?.selected_options ?? []).map((o) => o.value));
      const rows = await db.condition.findMany({
        where: { proposalId: value },
        orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
      });
      let problem: string | null = null;
      for (const row of rows) {
        const met = chosen.has(row.id);
        if (met === (row.metAt != null)) continue;
        const r = await engine.run({
          command: 'markCondition',
          actorId: person.id,
          input: { proposalId: value, conditionId: row.id, met },
          platform: 'slack',
          deliveryKey: `${key}:${row.id}`,
        });
        if (!r.ok) {
          problem = refusalText(person.locale, r.refusal);
          break;
        }
      }
      if (!problem && resubmit) {
        const r = await engine.run({
          command: 'resubmitToCommittee',
          actorId: person.id,
          input: { proposalId: value },
          platform: 'slack',
          deliveryKey: key,
        });
        if (!r.ok) problem = refusalText(person.locale, r.refusal);
      }
      const p = await c.queries.proposal(person.id, value);
      const fresh = await db.condition.findMany({
        where: { proposalId: value },
        orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
      });
      if (!p || !body.channel || !body.message) return;
      const blocks = [
        ...conditionsBlocks(
          person.locale,
          p,
          fresh.map((x) => ({ id: x.id, text: x.text, met: x.metAt != null })),
        ),
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: problem ? `:warning: ${problem}` : t(person.locale, `stage.${p.status as 'conditions'}`),
            },
          ],
        },
      ];
      await afterCommit('redrawing the conditions', () =>
        app.client.chat.update({
          channel: body.channel!.id,
          ts: body.message!.ts,
          text: t(person.locale, 'conditions.title', { number: p.number }),
          blocks: blocks as never,
        }),
      );
    };
  handle('conditions_save', conditions(false));
  handle('conditions_resubmit', conditions(true));

  return { commandText };
}
