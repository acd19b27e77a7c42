// The bot child of scripts/bench-clicks.ts: the bot as `npm start` runs it (Slack on, against the
// loopback Slack Web API stub; Teams unauthenticated, against the loopback connector), the committee
// channel linked on both platforms, and BENCH_POLLS proposals brought to an open poll. Reports the
// polls' buttons over IPC, then answers the parent's questions: is the outbox quiet, are the votes right.
import { startApp } from '../../src/app.ts';
import { sdkSender } from '../../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../../src/config/env.ts';
import { verifyAuditLog } from '../../src/storage/audit-log.ts';
import { ConnectorStub } from '../../test/support/connector-stub.ts';
import { SlackApiStub } from '../../test/support/slack-stub.ts';
import {
  SIGNING_SECRET,
  SLACK_CHANNEL,
  TEAMS_CHANNEL,
  type BotReady,
  type CheckResult,
  type Choice,
  type PollInfo,
} from './common.ts';
import { EXAMPLE_FORM } from '../../test/support/org.ts';

const api = await new SlackApiStub().start();
const connector = await new ConnectorStub().start();
const url = process.env.BENCH_DATABASE_URL;
const config = {
  ...loadConfig({
    PLAYGROUND: 'off',
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ORGANIZATION_FILE: process.env.BENCH_ORG,
    PUBLISH_DIR: process.env.BENCH_PUBLISH_DIR,
    ...(url ? { DATABASE_URL: url } : {}),
  }),
  port: 0,
  ...(url ? {} : { database: { kind: 'pglite' as const, dir: null } }),
};
const logs: string[] = [];
const app = await startApp(config, {
  log: (line) => logs.push(line),
  slackApiUrl: api.url,
  teamsSender: sdkSender(),
});
const db = app.db.prisma;

async function run(actorId: string, command: string, input: unknown): Promise<Record<string, string>> {
  const r = await app.engine.run({ command: command as never, actorId, input });
  if (!r.ok) throw new Error(`${command} refused: ${r.refusal.key} ${JSON.stringify(r.refusal.params)}`);
  return r.value as unknown as Record<string, string>;
}

async function until<T>(what: string, find: () => T | undefined, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const hit = find();
    if (hit !== undefined) return hit;
    if (Date.now() > end)
      throw new Error(
        `no ${what} within ${ms} ms; outbox: ${json(await db.outboxMessage.findMany({ select: { kind: true, status: true, lastError: true, audience: true } }))}; teams sent ${json(connector.sent.map((x) => [x.conversationId, x.method]))}`,
      );
  }
}

const json = (x: unknown) => JSON.stringify(x);
const tallyText = (t: Record<string, number>) => `JAH: ${t.YES ?? 0} · JAH, KUI: ${t.YES_IF ?? 0} · EI: ${t.NO ?? 0}`;

/** The Action.Execute data of the poll card's vote buttons (what Teams sends back on a click). */
function teamsButtons(card: unknown): Record<Choice, Record<string, unknown>> {
  const found: Partial<Record<Choice, Record<string, unknown>>> = {};
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as { type?: string; data?: { action?: string; args?: { choice?: Choice } } };
      if (o.type === 'Action.Execute' && o.data?.action === 'poll.vote' && o.data.args?.choice)
        found[o.data.args.choice] = o.data;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found as Record<Choice, Record<string, unknown>>;
}

function slackButtons(blocks: unknown[]): Record<Choice, { action_id: string; value: string }> {
  const found: Partial<Record<Choice, { action_id: string; value: string }>> = {};
  for (const b of blocks as { elements?: { type: string; action_id?: string; value?: string }[] }[])
    for (const e of b.elements ?? [])
      if (e.type === 'button' && e.action_id?.startsWith('flow:poll.vote#') && e.value)
        found[(JSON.parse(e.value) as { choice: Choice }).choice] = { action_id: e.action_id, value: e.value };
  return found as Record<Choice, { action_id: string; value: string }>;
}

// The portfolio manager links the committee's channel on both platforms (as "seo kanal" does).
await run('mari.maasikas', 'linkChannel', {
  platform: 'slack',
  roles: ['committee:social'],
  reference: { channel: SLACK_CHANNEL },
});
await run('mari.maasikas', 'linkChannel', {
  platform: 'teams',
  roles: ['committee:social'],
  reference: { serviceUrl: connector.url.replace(/\/$/, ''), conversation: { id: TEAMS_CHANNEL } },
});

// Proposals through the process to an open poll (test/teams-vote-change.test.ts).
const { meetingId } = await run('mari.maasikas', 'createMeeting', {
  domainId: 'social',
  startsAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
});
const polls: PollInfo[] = [];
for (let i = 1; i <= Number(process.env.BENCH_POLLS ?? 1); i += 1) {
  const { proposalId } = await run('kadri.kask', 'createDraft', {
    fields: {
      title: `Pingi hääletus ${i}`,
      ...EXAMPLE_FORM,
    },
  });
  await run('kadri.kask', 'submit', { proposalId });
  await run('liis.lepp', 'agree', { proposalId });
  await run('jaan.tamm', 'assess', {
    proposalId,
    expectedResult: 'strong',
    impact: 'strong',
    priorityFit: 'adequate',
    alternatives: 'adequate',
  });
  await run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 2 });
  await run('mari.maasikas', 'schedule', { proposalId, meetingId });
  const { pollId } = await run('mari.maasikas', 'openPoll', { proposalId });
  // The outbox posts the poll card in both channels; its buttons are what the clicks send.
  const post = await until('Slack poll post', () =>
    api.of('chat.postMessage').find((c) => c.params.channel === SLACK_CHANNEL && json(c.params).includes(pollId!)),
  );
  const card = await until('Teams poll card', () =>
    connector.sent.find(
      (s) => s.conversationId === TEAMS_CHANNEL && s.method === 'POST' && json(s.body).includes(pollId!),
    ),
  );
  const blocks = post.params.blocks as unknown[];
  polls.push({
    pollId: pollId!,
    slack: { channel: SLACK_CHANNEL, ts: String(post.result!.ts), blocks, buttons: slackButtons(blocks) },
    teams: {
      conversationId: `${TEAMS_CHANNEL};messageid=${card.id}`,
      cardId: card.id,
      data: teamsButtons(card.body),
    },
  });
}

/** Nothing due in the outbox for `quietMs` (the redraws of the poll card after the votes have gone out). */
async function quiet(quietMs = 1500, ms = 120_000): Promise<number> {
  const started = Date.now();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - started > ms) throw new Error(`outbox not quiet within ${ms} ms`);
    const due = await db.outboxMessage.count({
      where: { status: 'pending', nextAttemptAt: { lte: new Date() } },
    });
    if (due > 0) since = Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started - quietMs;
}

async function check(pollId: string, expected: Record<string, Choice>): Promise<CheckResult> {
  const votes = await db.vote.findMany({ where: { pollId } });
  const by = new Map<string, string[]>();
  for (const v of votes) by.set(v.personId, [...(by.get(v.personId) ?? []), v.choice]);
  const tally: Record<string, number> = {};
  for (const v of votes) tally[v.choice] = (tally[v.choice] ?? 0) + 1;
  const poll = polls.find((p) => p.pollId === pollId)!;
  const lastSlack = api
    .of('chat.update')
    .filter((c) => c.params.ts === poll.slack.ts)
    .at(-1);
  const lastTeams = connector.sent.filter((s) => s.method === 'PUT' && s.activityId === poll.teams.cardId).at(-1);
  // Failed deliveries (not the rows that wait for a recipient, which give their attempt back).
  const failed = await db.outboxMessage.findMany({
    where: { OR: [{ status: 'dead' }, { status: 'pending', attempts: { gt: 0 }, lastError: { not: null } }] },
    select: { kind: true, lastError: true, status: true },
  });
  return {
    rows: votes.length,
    wrong: Object.entries(expected)
      .filter(([id, c]) => by.has(id) && (by.get(id)!.length !== 1 || by.get(id)![0] !== c))
      .map(([id, c]) => `${id}: expected ${c}, stored ${by.get(id)!.join('+')}`),
    missing: Object.keys(expected).filter((id) => !by.has(id)),
    extra: [...by.keys()].filter((id) => !(id in expected)),
    tally,
    shown: {
      slack: !!lastSlack && json(lastSlack.params.blocks).includes(tallyText(tally)),
      teams: !!lastTeams && json(lastTeams.body).includes(tallyText(tally)),
    },
    audit: await verifyAuditLog(db, { key: config.auditKey }),
    outboxErrors: failed.map((f) => `${f.kind} (${f.status}): ${f.lastError}`),
  };
}

type Request =
  | { id: number; op: 'quiet' }
  | { id: number; op: 'check'; pollId: string; expected: Record<string, Choice> }
  | { id: number; op: 'close' };

process.on('message', (m: Request) => {
  const answer = async () => {
    if (m.op === 'quiet') return quiet();
    if (m.op === 'check') return check(m.pollId, m.expected);
    await app.close();
    await api.close();
    await connector.close();
    return logs.filter((l) => /warn|fail|error|broken/i.test(l));
  };
  answer().then(
    (result) => process.send!({ id: m.id, result }, () => (m.op === 'close' ? process.exit(0) : undefined)),
    (error: Error) => process.send!({ id: m.id, error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: { url: app.url, serviceUrl: connector.url, polls } satisfies BotReady });
