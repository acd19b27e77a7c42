// The bot as `npm start` runs it (PGlite in memory, no Playground), with Teams' cloud stood in for
// by the loopback connector: for tests that talk to it through /api/messages.
import { startApp, type RunningApp } from '../../src/app.ts';
import { sdkSender } from '../../src/bot/teams/dispatcher.ts';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { ConnectorStub, type SentActivity } from './connector-stub.ts';
import { TeamsDriver } from './teams-driver.ts';

export interface TeamsRig {
  app: RunningApp;
  stub: ConnectorStub;
  d: TeamsDriver;
  /** The card the bot answered a typed personal-chat message with. */
  answer(personId: string, text: string): Promise<unknown>;
  close(): Promise<void>;
}

/** `now`: the engine's clock (tests of the process give `testClock()`); the wall clock when absent. */
export async function startTeamsRig(overrides: Partial<Config> = {}, now?: () => Date): Promise<TeamsRig> {
  const stub = await new ConnectorStub().start();
  const config = {
    ...loadConfig({ PLAYGROUND: 'off' }),
    port: 0,
    database: { kind: 'pglite' as const, dir: null },
    ...overrides,
  };
  const app = await startApp(config, {
    log: () => undefined,
    teamsSender: sdkSender(),
    outboxIntervalMs: 50,
    ...(now ? { now } : {}),
  });
  const d = new TeamsDriver(app, stub);
  return {
    app,
    stub,
    d,
    async answer(personId, text) {
      const before = stub.sent.length;
      await d.say(personId, text);
      // The answer is a card; a notice the outbox sends meanwhile (text) is not it.
      const s: SentActivity = await stub.waitFor(
        (x) =>
          stub.sent.indexOf(x) >= before &&
          x.conversationId === `a:chat-${personId}` &&
          Array.isArray(x.body.attachments) &&
          x.body.attachments.length > 0,
      );
      return (s.body.attachments as { content: unknown }[])[0]!.content;
    },
    async close() {
      await app.close();
      await stub.close();
    },
  };
}
