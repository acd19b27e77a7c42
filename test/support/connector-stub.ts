// A loopback stand-in for the Bot Framework connector (the Teams cloud API): records the
// activities the bot sends (POST /v3/conversations/{id}/activities[/{replyTo}]) and updates
// (PUT …/activities/{id}), answering as the connector does with a resource id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  method: string;
  activityId: string | null;
  body: Record<string, unknown>;
  id: string;
}

export class ConnectorStub {
  readonly sent: SentActivity[] = [];
  /** Requests that match are refused `times` times with `status` (the connector's 500, 429…). */
  failures: { match: (s: Omit<SentActivity, 'id'>) => boolean; times: number; status: number }[] = [];
  /** Requests that were refused by `failures`. */
  readonly refused: Omit<SentActivity, 'id'>[] = [];
  private server!: http.Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!m) {
          res.writeHead(404);
          res.end();
          return;
        }
        const request = {
          conversationId: decodeURIComponent(m[1]!),
          method: req.method ?? '',
          activityId: m[2] ? decodeURIComponent(m[2]) : null,
          body: JSON.parse(body || '{}') as Record<string, unknown>,
        };
        const failure = this.failures.find((f) => f.times > 0 && f.match(request));
        if (failure) {
          failure.times -= 1;
          this.refused.push(request);
          res.writeHead(failure.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'connector unavailable' } }));
          return;
        }
        const id = `act-${++this.counter}`;
        this.sent.push({ ...request, id });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  to(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  async waitFor(pred: (s: SentActivity) => boolean, ms = 10_000): Promise<SentActivity> {
    const until = Date.now() + ms;
    for (;;) {
      const hit = this.sent.find(pred);
      if (hit) return hit;
      if (Date.now() > until)
        throw new Error(
          `No matching activity within ${ms} ms; sent: ${JSON.stringify(this.sent.map((s) => [s.conversationId, s.body.text ?? 'card']))}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

export function cardOf(s: SentActivity): Record<string, unknown> {
  const a = (s.body.attachments as { content: Record<string, unknown> }[] | undefined)?.[0];
  if (!a) throw new Error(`Activity has no card: ${JSON.stringify(s.body)}`);
  return a.content;
}
