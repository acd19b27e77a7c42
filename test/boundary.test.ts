// src/workflow/ is the process and nothing else: it never imports Slack, Teams, Prisma or storage,
// and the platform folders never decide (they must not import the engine's storage directly).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

const FORBIDDEN = [
  /^@slack\//,
  /^@microsoft\//,
  /^@prisma\//,
  /^prisma/,
  /^pg$/,
  /^@electric-sql\//,
  /^pglite-prisma-adapter/,
  /\/storage\//,
  /\/bot\//,
  /\/engine\//,
  /generated\/client/,
];

describe('boundaries', () => {
  it('finds imports in every form it checks', () => {
    const sample = `import { App } from '@slack/bolt';\nimport type { X } from "@prisma/client";\nexport * from '../storage/db.ts';\nconst m = await import('@microsoft/teams.apps');\nimport '../bot/slack/setup.ts';`;
    expect(importsOf(sample)).toEqual([
      '@slack/bolt',
      '@prisma/client',
      '../storage/db.ts',
      '@microsoft/teams.apps',
      '../bot/slack/setup.ts',
    ]);
  });

  it('src/workflow imports no Slack, Teams, Prisma, database or storage code', () => {
    const files = tsFiles(path.join(ROOT, 'src/workflow'));
    expect(files.length).toBeGreaterThan(5);
    const leaks = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the platform folders do not import each other (shared pieces live in src/bot/)', () => {
    const leaks = (['teams', 'slack'] as const).flatMap((platform) => {
      const other = platform === 'teams' ? 'slack' : 'teams';
      return tsFiles(path.join(ROOT, 'src/bot', platform)).flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((spec) => spec.includes(`/${other}/`))
          .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
      );
    });
    expect(leaks).toEqual([]);
  });
  it('nothing under src/bot reaches storage or Prisma: reads go through the engine (queries, ChatStore, NoticeData)', () => {
    const storage = [/\/storage\//, /^@prisma\//, /^prisma/, /generated\/client/, /^pg$/, /^@electric-sql\//];
    const leaks = tsFiles(path.join(ROOT, 'src/bot')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => storage.some((re) => re.test(spec)))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(leaks).toEqual([]);
  });

  it('flows and views are written once: src/bot/flows and src/bot/conversation import no SDK and no platform folder', () => {
    const platform = [/^@slack\//, /^@microsoft\//, /\/teams\//, /\/slack\//, /^\.\.\/(teams|slack)\//];
    const files = ['src/bot/flows', 'src/bot/conversation'].flatMap((dir) => tsFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(4);
    const leaks = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => platform.some((re) => re.test(spec)))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(leaks).toEqual([]);
  });
});
