// The Microsoft 365 Agents Playground (Microsoft's local Teams client) for `npm start` without
// Teams credentials. Its people are people of the organisation file, so a person can walk the
// process: write as the submitter, then switch to the agreer, the board, the portfolio manager.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Directory, Person } from '../../workflow/directory.ts';

export const PLAYGROUND_PORT = 56150;
export const PLAYGROUND_CONFIG = '.m365agentsplayground.yml';

/** Whom the Playground shows: the submitter first, then five others in the roles they act in. */
export const PLAYGROUND_PEOPLE: readonly { id: string; role: string }[] = [
  { id: 'kadri.kask', role: 'idee esitaja / submitter (and portfolio manager)' },
  { id: 'liis.lepp', role: 'poliitikajuht / policy manager (agrees STAR, a service with no service manager)' },
  { id: 'andres.allik', role: 'teenuse juht / service manager (SKA pensions)' },
  { id: 'kristi.kivi', role: 'SKA arenduste juhtrühm / SKA board' },
  { id: 'mari.maasikas', role: 'arendusportfellide haldur / portfolio manager' },
  { id: 'jaan.tamm', role: 'sotsiaalvaldkonna juhtkomisjoni esimees / social committee chair' },
];

function user(p: Person) {
  const [givenName, ...rest] = p.name.split(' ');
  return {
    id: `29:${p.id}`,
    name: p.name,
    userPrincipleName: p.email,
    aadObjectId: p.teamsObjectId!,
    givenName: givenName ?? p.name,
    surname: rest.join(' ') || p.name,
    email: p.email,
  };
}

/** The Playground's mock tenant: exactly five users besides the current one (its own rule). */
export function playgroundConfig(dir: Directory): string {
  const people = PLAYGROUND_PEOPLE.map(({ id }) => dir.people.get(id)).filter((p): p is Person => !!p?.teamsObjectId);
  if (people.length !== 6) {
    throw new Error(
      `The Playground needs the six demo people ${PLAYGROUND_PEOPLE.map((p) => p.id).join(', ')} with teamsObjectId in the organisation file. Use config/organization.example.yaml or set PLAYGROUND=off.`,
    );
  }
  const [current, ...others] = people.map(user);
  return stringify({
    version: '0.1.1',
    tenantId: '8d4ad3f9-7c5c-4a8e-9a34-2f7d9d0b5e11',
    bot: { id: '28:portfellibot', name: 'Arendusportfelli bot' },
    currentUser: current,
    users: others,
    personalChat: { id: 'a:portfellibot-personal' },
    groupChat: { id: '19:portfellibot-group@thread.v2', name: 'Arendusportfell' },
    team: {
      id: '19:som-portfell@thread.tacv2',
      name: 'SoM arendusportfell',
      aadGroupId: 'b6f5e0c2-3f0a-4d2e-9c1e-6a7b8c9d0e1f',
      channels: [{ id: '19:sotsiaal-juhtkomisjon@thread.tacv2', name: 'Sotsiaalvaldkonna juhtkomisjon' }],
    },
  });
}

export interface Playground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function startPlayground(
  dir: Directory,
  botUrl: string,
  log: (line: string) => void,
  port = PLAYGROUND_PORT,
): Playground {
  const configPath = path.resolve(PLAYGROUND_CONFIG);
  writeFileSync(configPath, playgroundConfig(dir));
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'start', '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      // Without TEAMSAPPTESTER_BROWSER=none the Playground tries to open a browser and crashes.
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = `http://localhost:${port}`;
  child.stderr?.on('data', (c: Buffer) => {
    const s = c.toString().trim();
    if (s) log(`[playground] ${s}`);
  });
  child.stdout?.resume();
  child.on('exit', (code) => {
    if (code) log(`[playground] stopped with code ${code}; see devTools/m365agentsplayground.log`);
  });
  const me = PLAYGROUND_PEOPLE[0]!;
  log(
    `Teams (local): open ${url} in a browser. You are ${dir.people.get(me.id)?.name} — ${me.role}. Type "abi" or "uus idee".`,
  );
  for (const p of PLAYGROUND_PEOPLE.slice(1))
    log(`  also in the Playground: ${dir.people.get(p.id)?.name} — ${p.role}`);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
