// The bare frameworks of scripts/bench-clicks.ts, one per child process (argv: bolt | teams):
//   bolt:  a Bolt 5.1 app with its default HTTPReceiver and the bot's signing secret, acknowledging every action;
//   teams: a Teams SDK 2.0.16 App without credentials, mounted on a plain HTTP server through an adapter
//          as src/bot/teams/app.ts mounts it, answering every card action with a message.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp } from '@slack/bolt';
import { App as TeamsApp, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import { SIGNING_SECRET } from './common.ts';

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

async function teams(): Promise<http.Server> {
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
  app.on('card.action', async () => ({
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message' as const,
    value: 'OK',
  }));
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

const server = await (process.argv[2] === 'bolt' ? bolt() : teams());
process.on('disconnect', () => process.exit(0));
process.send!({ ready: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
