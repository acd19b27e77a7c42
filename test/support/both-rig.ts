// The bot with Slack and Teams both on, their clouds stood in for by the loopback Slack Web API stub
// and the Teams connector stub (both can be told to fail), and the outbox worker running. For the
// delivery tests: what each recipient received, counted at the stubs.
import { startApp, type RunningApp } from '../../src/app.ts';
import { sdkSender } from '../../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../../src/config/env.ts';
import type { CommandName, CommandResult } from '../../src/engine/commands/index.ts';
import { ConnectorStub } from './connector-stub.ts';
import { SlackApiStub } from './slack-stub.ts';
import { SIGNING_SECRET, SlackDriver } from './slack-driver.ts';
import { TeamsDriver } from './teams-driver.ts';

export interface BothRig {
  app: RunningApp;
  api: SlackApiStub;
  stub: ConnectorStub;
  slack: SlackDriver;
  teams: TeamsDriver;
  /** Runs a command that must succeed (as the engine, without a platform). */
  run<C extends CommandName>(actorId: string, command: C, input: unknown): Promise<CommandResult<C>>;
  /** Waits until no outbox message is pending, making backed-off ones due at once (a replayed outage). */
  drain(ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startBothRig(): Promise<BothRig> {
  const api = await new SlackApiStub().start();
  const stub = await new ConnectorStub().start();
  const config = {
    ...loadConfig({ PLAYGROUND: 'off', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    port: 0,
    database: { kind: 'pglite' as const, dir: null },
  };
  const app = await startApp(config, {
    log: () => undefined,
    slackApiUrl: api.url,
    teamsSender: sdkSender(),
    outboxIntervalMs: 50,
  });
  const db = app.db.prisma;
  return {
    app,
    api,
    stub,
    slack: new SlackDriver(app.url),
    teams: new TeamsDriver(app, stub),
    async run(actorId, command, input) {
      const r = await app.engine.run({ command, actorId, input });
      if (!r.ok)
        throw new Error(`${command} by ${actorId} refused: ${r.refusal.key} ${JSON.stringify(r.refusal.params)}`);
      return r.value as CommandResult<typeof command>;
    },
    async drain(ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        // Only rows a failure backed off are hurried; a message waiting for a recipient keeps waiting.
        await db.outboxMessage.updateMany({
          where: { status: 'pending', lastError: { not: null }, attempts: { gt: 0 } },
          data: { nextAttemptAt: new Date() },
        });
        if (
          (await db.outboxMessage.count({
            where: { status: 'pending', OR: [{ attempts: { gt: 0 } }, { lastError: null }] },
          })) === 0
        )
          return;
        if (Date.now() > end)
          throw new Error(
            `outbox not drained: ${JSON.stringify(await db.outboxMessage.findMany({ where: { status: 'pending' }, select: { kind: true, audience: true, lastError: true, attempts: true } }))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await app.close();
      await api.close();
      await stub.close();
    },
  };
}
