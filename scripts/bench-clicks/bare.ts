// The bare frameworks of scripts/bench-clicks.ts, one per child process (argv: bolt | teams):
//   bolt:  a Bolt 5.1 app with its default HTTPReceiver and the bot's signing secret, acknowledging every action;
//   teams: a Teams SDK 2.0.16 App without credentials, mounted on a plain HTTP server through an adapter
//          as src/bot/teams/app.ts mounts it, answering every card action with a message;
//   teams-save [url]: the same, saving the vote first with one statement (INSERT … ON CONFLICT), in the
//          PostgreSQL database of `url` (a pool of 10, as the bot's) or in PGlite in memory: the floor
//          of an answer that says the vote is saved.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp } from '@slack/bolt';
import { App as TeamsApp, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { SIGNING_SECRET } from './common.ts';

type Save = (pollId: string, personId: string, choice: string) => Promise<unknown>;

async function saver(url: string | undefined): Promise<Save> {
  const table = `CREATE TABLE IF NOT EXISTS vote (poll text, person text, choice text, at timestamptz, PRIMARY KEY (poll, person))`;
  const upsert = `INSERT INTO vote VALUES ($1, $2, $3, now()) ON CONFLICT (poll, person) DO UPDATE SET choice = $3, at = now()`;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    await pool.query(table);
    return (a, b, c) => pool.query(upsert, [a, b, c]);
  }
  const lite = new PGlite();
  await lite.exec(table);
  return (a, b, c) => lite.query(upsert, [a, b, c]);
}

async function bolt(): Promise<http.Server> {
  // botId and botUserId as the Slack stub's auth.test tells the bot: Bolt needs no Web API call at all.
  const app = new BoltApp({
    token: 'xoxb-bare-token',
    signingSecret: SIGNING_SECRET,
    botId: 'BBOT',
    botUserId: 'UBOT',
    tokenVerificationEnabled: false,
  });
  app.action(/.*/, async ({ ack }) => ack());
  return (await app.start({ port: 0, host: '127.0.0.1' })) as http.Server;
}

async function teams(save?: Save): Promise<http.Server> {
  let endpoint: HttpRouteHandler | undefined;
  const adapter: IHttpServerAdapter = {
    registerRoute(method, path, handler) {
      if (method === 'POST' && path === '/api/messages') endpoint = handler;
    },
  };
  const app = new TeamsApp({
    httpServerAdapter: adapter,
    messagingEndpoint: '/api/messages',
    dangerouslyAllowUnauthenticatedRequests: true,
  });
  app.on('card.action', async ({ activity }) => {
    if (save) {
      const data = activity.value.action.data as { args?: { pollId?: string; choice?: string } };
      await save(String(data.args?.pollId), String(activity.from.aadObjectId), String(data.args?.choice));
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message' as const, value: 'OK' };
  });
  await app.initialize();
  const handle = endpoint!;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        headers: req.headers as Record<string, string | string[]>,
      }).then((result) => {
        res.writeHead(result.status, { 'content-type': 'application/json' });
        res.end(result.body === undefined ? '' : JSON.stringify(result.body));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return server;
}

const kind = process.argv[2];
const server = await (kind === 'bolt' ? bolt() : kind === 'teams-save' ? teams(await saver(process.argv[3])) : teams());
process.on('disconnect', () => process.exit(0));
process.send!({ ready: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
