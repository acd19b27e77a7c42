// The bot's HTTP server. Today it serves /healthz; the Teams endpoint (/api/messages) and Slack's
// (/slack/events) are mounted here by their platform folders.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditState } from '../engine/audit-check.ts';
import type { Database } from '../storage/database.ts';
import { health } from './health.ts';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** `audit`: the result of the last audit chain check, for /healthz. */
export function createServer(db: Database, routes: Route[] = [], audit?: () => AuditState): http.Server {
  return http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/healthz') {
        const h = await health(db, audit?.());
        return json(res, h.status, h.body);
      }
      for (const route of routes) if (await route(req, res)) return;
      json(res, 404, { status: 'not found', path: url.pathname, hint: 'GET /healthz tells whether the bot is ready.' });
    })().catch((error: unknown) => {
      console.error('Request failed:', error);
      if (!res.headersSent) json(res, 500, { status: 'error' });
    });
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use. Stop the other process or set PORT in .env (example: PORT=3979).`,
            )
          : error,
      );
    });
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve(`http://${shownHost}:${actual}`);
    });
  });
}
