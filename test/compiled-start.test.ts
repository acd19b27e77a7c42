// The production start: `npm run build` compiles src/ to JavaScript and `node dist/main.js` runs the
// bot without the TypeScript loader. Built here into a folder of its own next to src/ (as dist/ is,
// so paths written relative to a source file resolve alike), started on a new PGlite folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = `dist-test-${process.pid}`;
const tmp = mkdtempSync(path.join(tmpdir(), 'portfolio-compiled-'));
afterAll(() => {
  rmSync(path.join(ROOT, OUT), { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

it('npm run build emits JavaScript that starts the bot: node dist/main.js answers /healthz', async () => {
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    env: { ...process.env, BUILD_OUT_DIR: OUT },
    encoding: 'utf8',
  });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  expect(existsSync(path.join(ROOT, OUT, 'main.js'))).toBe(true);
  // plain JavaScript modules next to the sources are copied (the PGlite set-up runs as a child process)
  expect(existsSync(path.join(ROOT, OUT, 'storage', 'pglite-setup.mjs'))).toBe(true);

  const port = await freePort();
  const child = spawn(process.execPath, [path.join(OUT, 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PGLITE_DIR: path.join(tmp, 'pglite'),
      PUBLISH_DIR: path.join(tmp, 'publication'),
      PORT: String(port),
      PLAYGROUND: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = () => {
        const m = /ready: .* on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exit.then(() => reject(new Error(`exited before ready:\n${out}`)));
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'pglite', migrations: 'current' });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exit, out).toBe(0);
}, 60_000);
