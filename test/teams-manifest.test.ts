// The Teams app package: the manifest validates offline against Microsoft's schema, and the zip holds
// what Teams needs.
import { describe, expect, it } from 'vitest';
import { manifestProblems, packageFiles, teamsManifest } from '../scripts/teams-package.ts';
import { zip } from '../scripts/zip.ts';

const ID = '11111111-2222-3333-4444-555555555555';

describe('Teams manifest', () => {
  it('validates against the v1.19 schema with the bot id filled in', async () => {
    const m = teamsManifest(ID);
    expect(m.manifestVersion).toBe('1.19');
    expect(await manifestProblems(m)).toEqual([]);
    const bots = m.bots as { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    expect(bots[0]!.botId).toBe(ID);
    expect(bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bots[0]!.commandLists.flatMap((c) => c.commands.map((x) => x.title))).toContain('uus idee');
    expect(JSON.stringify(m)).toContain('ChannelMessage.Read.Group');
  });

  it('reports a broken manifest', async () => {
    const broken = { ...teamsManifest(ID), bots: [{ scopes: ['everywhere'] }] };
    expect((await manifestProblems(broken)).length).toBeGreaterThan(0);
  });

  it('packs manifest, localisation and both icons into a zip', () => {
    const files = packageFiles(teamsManifest(ID));
    const z = zip(files);
    expect(z.readUInt32LE(0)).toBe(0x04034b50);
    const names: string[] = [];
    let at = 0;
    while (z.readUInt32LE(at) === 0x04034b50) {
      const size = z.readUInt32LE(at + 18);
      const nameLen = z.readUInt16LE(at + 26);
      names.push(z.subarray(at + 30, at + 30 + nameLen).toString());
      at += 30 + nameLen + size;
    }
    expect(names).toEqual(['manifest.json', 'en-us.json', 'color.png', 'outline.png']);
  });
});
