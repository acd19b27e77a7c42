// `npm run build`: compiles src/ to JavaScript in dist/ for the production start `node dist/main.js`
// (no TypeScript loader at run time: ~0.1 s and ~35 MB less). dist/ mirrors src/, so paths written
// relative to a source file (../../prisma/migrations, ../../assets, ../../config) resolve the same
// from dist/. Plain JavaScript modules in src/ (*.mjs, *.cjs, *.js) are copied as they are.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');
// BUILD_OUT_DIR (tests): another folder directly in the project, so that the relative paths still hold.
const out = path.resolve(root, process.env.BUILD_OUT_DIR || 'dist');
if (path.dirname(out) !== root || !/^dist(-[\w.-]+)?$/.test(path.basename(out)))
  throw new Error(`BUILD_OUT_DIR must be dist or dist-<name>, directly in ${root} (it is emptied first)`);

rmSync(out, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], {
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(mjs|cjs|js)$/.test(entry.name)) continue;
  const from = path.join(entry.parentPath, entry.name);
  cpSync(from, path.join(out, path.relative(src, from)));
  copied += 1;
}
console.log(
  `built ${path.relative(root, out) || out} (${copied} JavaScript module(s) copied as they are); start: node ${path.relative(root, path.join(out, 'main.js'))}`,
);
