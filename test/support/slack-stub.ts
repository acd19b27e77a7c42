// A loopback stand-in for Slack's Web API (https://slack.com/api/<method>): form-encoded or JSON
// requests in, Slack's JSON answers out; can answer 429 with Retry-After like Slack's rate limiter.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  params: Record<string, any>;
  result?: Record<string, any>;
}

export class SlackApiStub {
  readonly calls: SlackCall[] = [];
  emails = new Map<string, string>();
  /** method → how many calls in a row to refuse with 429 (Retry-After seconds) */
  rateLimit = new Map<string, { times: number; retryAfter: number }>();
  /** method → how many calls in a row to answer with a server error */
  serverError = new Map<string, number>();
  /** Calls that match are refused `times` times: with `status` (500, 503) or 429 and Retry-After seconds. */
  failures: {
    method: string;
    match?: (params: Record<string, any>) => boolean;
    times: number;
    status: number;
    retryAfter?: number;
  }[] = [];
  /** Calls that were refused (by `failures`, `rateLimit` or `serverError`). */
  readonly refused: SlackCall[] = [];
  private server!: http.Server;
  private ts = 1_700_000_000;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
        const params = parse(body, String(req.headers['content-type'] ?? ''));
        const failure = this.failures.find((f) => f.times > 0 && f.method === method && (!f.match || f.match(params)));
        if (failure) {
          failure.times -= 1;
          this.refused.push({ method, params });
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            ...(failure.status === 429 ? { 'retry-after': String(failure.retryAfter ?? 1) } : {}),
          };
          res.writeHead(failure.status, headers);
          res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
          return;
        }
        const failing = this.serverError.get(method) ?? 0;
        if (failing > 0) {
          this.serverError.set(method, failing - 1);
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('upstream unavailable');
          return;
        }
        const limited = this.rateLimit.get(method);
        if (limited && limited.times > 0) {
          limited.times -= 1;
          res.writeHead(429, { 'retry-after': String(limited.retryAfter), 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        const result = this.answer(method, params);
        this.calls.push({ method, params, result });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  private answer(method: string, params: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'portfellibot' };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.calls.length}`, ...(params.view ?? {}) } };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts: `${++this.ts}.000100`, message: { text: params.text } };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case 'users.info':
        return { ok: true, user: { id: params.user, profile: { email: this.emails.get(params.user) ?? '' } } };
      default:
        return { ok: true };
    }
  }

  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

function parse(body: string, type: string): Record<string, any> {
  if (type.includes('json')) return JSON.parse(body || '{}');
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
