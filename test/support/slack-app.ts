// Starts the bot with Slack on, against the loopback Web API stub, for the Slack suites.
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/env.ts';
import { SlackApiStub } from './slack-stub.ts';
import { SIGNING_SECRET, SlackDriver } from './slack-driver.ts';

export interface SlackRig {
  app: RunningApp;
  api: SlackApiStub;
  slack: SlackDriver;
  close(): Promise<void>;
}

/** `now`: the engine's clock (tests of the process give `testClock()`); the wall clock when absent. */
export async function startSlackRig(now?: () => Date): Promise<SlackRig> {
  const api = await new SlackApiStub().start();
  const config = {
    ...loadConfig({ PLAYGROUND: 'off', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    port: 0,
    database: { kind: 'pglite' as const, dir: null },
  };
  const app = await startApp(config, {
    log: () => undefined,
    slackApiUrl: api.url,
    outboxIntervalMs: 50,
    ...(now ? { now } : {}),
  });
  return {
    app,
    api,
    slack: new SlackDriver(app.url),
    async close() {
      await app.close();
      await api.close();
    },
  };
}

/** Polls until `f` gives something truthy (the outbox delivers asynchronously). */
export async function until<T>(
  f: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
