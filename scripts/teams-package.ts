// `npm run teams:package`: fills the bot's ids into manifest/teams/manifest.json, validates it
// offline against Microsoft's schema (@microsoft/app-manifest) and writes dist/teams-app.zip for a
// Teams admin to upload.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zip } from './zip.ts';

const DIR = path.resolve(import.meta.dirname, '../manifest/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsManifest(clientId: string, appId = clientId): Record<string, unknown> {
  const text = readFileSync(path.join(DIR, 'manifest.json'), 'utf8')
    .replaceAll('{{CLIENT_ID}}', clientId)
    .replaceAll('{{TEAMS_APP_ID}}', appId);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function manifestProblems(manifest: Record<string, unknown>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as never);
}

export function packageFiles(manifest: Record<string, unknown>) {
  return [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'en-us.json', data: readFileSync(path.join(DIR, 'en-us.json')) },
    { name: 'color.png', data: readFileSync(path.join(DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(DIR, 'outline.png')) },
  ];
}

async function main(): Promise<void> {
  const clientId = process.env.CLIENT_ID ?? '';
  const appId = process.env.TEAMS_APP_ID || clientId;
  if (!GUID.test(clientId) || !GUID.test(appId)) {
    console.error(
      "CLIENT_ID: expected the bot's Microsoft Entra app (client) id, a GUID. Example: CLIENT_ID=00000000-0000-0000-0000-000000000000 npm run teams:package\n(TEAMS_APP_ID, optional, is the Teams app id; it defaults to CLIENT_ID.)",
    );
    process.exit(1);
  }
  const manifest = teamsManifest(clientId, appId);
  const problems = await manifestProblems(manifest);
  if (problems.length) {
    console.error(
      `manifest/teams/manifest.json does not match the Teams schema:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  const out = path.resolve('dist/teams-app.zip');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip(packageFiles(manifest)));
  console.log(
    `Teams app package written to ${out}. Upload it in Teams admin center → Teams apps → Manage apps → Upload.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
