// Starts the bot: configuration → database (migrations applied) → organisation directory →
// engine → HTTP server. Returns handles so tests and main.ts can stop it again.
import type http from 'node:http';
import type { Config } from './config/env.ts';
import { loadDirectory } from './directory/load.ts';
import { Engine } from './engine/engine.ts';
import { AuditMonitor } from './engine/audit-check.ts';
import { DEVELOPMENT_AUDIT_KEY } from './workflow/audit-chain.ts';
import { Queries } from './engine/queries.ts';
import { createServer, listen } from './http/server.ts';
import { openDatabase, type Database } from './storage/database.ts';
import { syncDirectory } from './storage/directory-sync.ts';
import { Downloads } from './bot/downloads.ts';
import { Publication } from './publish/publish.ts';
import { filesRoute, publicationRoute } from './http/files.ts';
import { produceFile } from './files/files.ts';
import { CompositeDispatcher, startOutboxWorker, type PlatformDispatcher } from './storage/outbox.ts';
import { ChatStore } from './engine/chat-store.ts';
import { NoticeData } from './engine/notice-data.ts';
import { createTeamsBot } from './bot/teams/app.ts';
import type { TeamsSender } from './bot/teams/dispatcher.ts';
import { startPlayground, type Playground } from './bot/teams/playground.ts';

export interface AppOptions {
  log?: (line: string) => void;
  /** Tests: where Teams messages go instead of the activity's service URL. */
  teamsSender?: TeamsSender;
  /** How often the outbox is delivered (ms). */
  outboxIntervalMs?: number;
  /** Tests: a loopback stand-in for Slack's Web API. */
  slackApiUrl?: string;
  /**
   * The engine's clock (what day it is for the process: deadlines, meetings in the future, links).
   * Tests start it on a fixed day so they never depend on the day they run.
   */
  now?: () => Date;
}

export interface RunningApp {
  url: string;
  db: Database;
  engine: Engine;
  queries: Queries;
  /** the audit chain, verified at start-up; src/scheduler.ts checks it daily */
  audit: AuditMonitor;
  server: http.Server;
  close(): Promise<void>;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? console.log;
  // The directory first: a wrong organisation file should fail before anything is opened.
  const directory = await loadDirectory(config.organizationFile, { defaultLocale: config.defaultLocale });
  const db = await openDatabase(config.database);
  try {
    const synced = await syncDirectory(db.prisma, directory);
    const engine = new Engine(db.prisma, directory, options.now, config.auditKey);
    const queries = new Queries(db.prisma, () => engine.dir);
    // The audit chain is verified before anything is served: a broken one is logged, shown on
    // /healthz (degraded) and told to the portfolio managers (through the outbox started below).
    if (config.auditKey === DEVELOPMENT_AUDIT_KEY)
      log(
        'AUDIT_KEY is not set: the audit chain is keyed with the development key, which is no secret (production refuses to start without AUDIT_KEY; README, "The audit trail").',
      );
    const audit = new AuditMonitor(
      db.prisma,
      () => engine.dir,
      config.auditKey,
      () => engine.now(),
      log,
    );
    await audit.check();
    let baseUrl = config.publicUrl ?? '';
    const downloads = new Downloads(engine, () => baseUrl, new Publication(db.sql, config.publishDir));
    const notices = new NoticeData(db.prisma);
    const teams = await createTeamsBot({
      engine,
      queries,
      store: new ChatStore(db.prisma, 'teams'),
      notices,
      defaultLocale: config.defaultLocale,
      credentials: config.teams,
      downloads,
      log,
      ...(options.teamsSender ? { sender: options.teamsSender } : {}),
    });
    // Bolt is loaded only when Slack is configured (~25 MB and ~0.3 s at start-up otherwise).
    const slack = config.slack
      ? (await import('./bot/slack/app.ts')).createSlackBot({
          engine,
          queries,
          store: new ChatStore(db.prisma, 'slack'),
          notices,
          defaultLocale: config.defaultLocale,
          settings: config.slack,
          downloads,
          log,
          ...(options.slackApiUrl ? { apiUrl: options.slackApiUrl } : {}),
        })
      : null;
    await slack?.start(); // checks the token before anything listens; a refusal stops start-up
    const platforms: PlatformDispatcher[] = [teams.dispatcher, ...(slack ? [slack.dispatcher] : [])];
    const worker = startOutboxWorker(
      db.prisma,
      new CompositeDispatcher(db.prisma, platforms),
      options.outboxIntervalMs ?? 1000,
      () => engine.now(),
    );
    const files = filesRoute({
      db: db.prisma,
      now: () => engine.now(),
      produce: (personId, req) => produceFile(db.prisma, queries, engine.dir, personId, req, engine.now()),
    });
    const server = createServer(
      db,
      [teams.route, ...(slack ? [slack.route] : []), files, publicationRoute(config.publishDir)],
      () => audit.state,
    );
    const url = await listen(server, config.port, config.host);
    baseUrl = config.publicUrl ?? url;
    const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL';
    log(
      `Organisation ${config.organizationFile}: ${directory.people.size} people, ${directory.services.size} services (${synced.rolesAdded} roles added, ${synced.rolesRemoved} removed).`,
    );
    log(
      `Teams endpoint: ${url}/api/messages (${config.teams ? 'Microsoft Teams, tokens validated' : 'local, unauthenticated, loopback only'})`,
    );
    log(
      slack
        ? `Slack: ${slack.socketMode ? 'Socket Mode (no public URL needed)' : `${url}/slack/events (signed requests only)`}`
        : 'Slack: off. To turn it on set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (and SLACK_APP_TOKEN for Socket Mode) — see README, "Slack".',
    );
    let playground: Playground | null = null;
    if (config.playground) playground = startPlayground(directory, url, log, config.playgroundPort);
    log(
      `ready: portfolio bot listening on ${url} (database: ${where}; health: ${url}/healthz)${playground ? `; Teams Playground: ${playground.url}` : ''}`,
    );
    return {
      url,
      db,
      engine,
      queries,
      audit,
      server,
      async close() {
        await playground?.stop();
        await slack?.stop();
        await worker.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
