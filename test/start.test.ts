// `npm start` as a newcomer runs it: a fresh data folder reaches "ready" and /healthz answers, on
// PGlite and (when TEST_DATABASE_URL is set) on PostgreSQL; wrong configuration stops it clearly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgres } from './support/databases.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
// As `npm start` runs it: node with tsx's loader, so SIGTERM reaches the bot itself (the tsx CLI would
// relay it and, on a busy machine, kill the bot after 60 ms instead of letting it stop cleanly).
const NODE_ARGS = ['--import', 'tsx', 'src/main.ts'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Run {
  output: () => string;
  ready: Promise<string>;
  exit: Promise<number | null>;
  stop(): void;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, NODE_ARGS, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready: .* on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then(() => reject(new Error(`exited before ready:\n${out}`)));
  });
  ready.catch(() => undefined); // the config tests wait for the exit instead
  return { output: () => out, ready, exit, stop: () => child.kill('SIGTERM') };
}

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'portfolio-start-'));
  dirs.push(d);
  return d;
}

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

const databases: [string, () => Promise<Record<string, string>>][] = [
  ['PGlite in a fresh folder', async () => ({ PGLITE_DIR: path.join(tempDir(), 'pglite') })],
  ...(process.env.TEST_DATABASE_URL
    ? [
        [
          'a fresh PostgreSQL database',
          async () => {
            const fresh = await freshPostgres(process.env.TEST_DATABASE_URL!);
            drops.push(fresh.drop);
            return { DATABASE_URL: fresh.url };
          },
        ] as [string, () => Promise<Record<string, string>>],
      ]
    : []),
];

describe('npm start', () => {
  it.each(databases)(
    'reaches "ready" and answers /healthz on %s, twice (migrations applied once)',
    async (_name, envFor) => {
      const env = { ...(await envFor()), PORT: String(await freePort()), PLAYGROUND: 'off' };
      for (let i = 0; i < 2; i += 1) {
        const run = start(env);
        const url = await run.ready;
        const res = await fetch(`${url}/healthz`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'ok', migrations: 'current' });
        run.stop();
        expect(await run.exit).toBe(0);
      }
    },
    90_000,
  );

  it('starts the Microsoft 365 Agents Playground with the demo people when there are no Teams credentials', async () => {
    const port = await freePort();
    const run = start({
      PGLITE_DIR: path.join(tempDir(), 'pglite'),
      PORT: String(await freePort()),
      PLAYGROUND_PORT: String(port),
    });
    try {
      await run.ready;
      expect(run.output()).toMatch(new RegExp(`open http://localhost:${port} .* You are Kadri Kask`));
      let status = 0;
      for (let i = 0; i < 60 && status !== 200; i += 1) {
        status = await fetch(`http://localhost:${port}/`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe(200);
    } finally {
      run.stop();
      expect(await run.exit).toBe(0);
    }
  }, 90_000);

  it('stops with the variable, what is expected and an example when configuration is wrong', async () => {
    const run = start({ PORT: 'abc', DEFAULT_LOCALE: 'fi' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('PORT: expected a port number 1–65535, got "abc". Example: PORT=3978');
    expect(run.output()).toMatch(/DEFAULT_LOCALE: expected one of et, en/);
  }, 30_000);

  it('refuses to start in production without AUDIT_KEY, naming the variable', async () => {
    const run = start({
      NODE_ENV: 'production',
      AUDIT_KEY: '',
      PLAYGROUND: 'off',
      PGLITE_DIR: path.join(tempDir(), 'x'),
      PORT: String(await freePort()),
      CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      CLIENT_SECRET: 'secret~value~123',
      TENANT_ID: '66666666-7777-8888-9999-000000000000',
    });
    try {
      expect(await Promise.race([run.exit, run.ready.then(() => 'started')])).toBe(1);
      expect(run.output()).toMatch(/Start-up stopped\.\n.*AUDIT_KEY: expected in production .*Example: AUDIT_KEY=/s);
    } finally {
      run.stop();
      await run.exit;
    }
  }, 60_000);

  it('stops naming the organisation file when it is missing', async () => {
    const run = start({ ORGANIZATION_FILE: 'config/nope.yaml', PGLITE_DIR: path.join(tempDir(), 'x') });
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('config/nope.yaml');
    expect(run.output()).toMatch(/organization\.example\.yaml/);
  }, 30_000);
});
