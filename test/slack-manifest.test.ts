// The Slack app manifest names what the code listens to: the slash command, the shortcut, the events.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const manifest = parse(readFileSync(path.resolve(import.meta.dirname, '../manifest/slack/manifest.yaml'), 'utf8'));
const code = readFileSync(path.resolve(import.meta.dirname, '../src/bot/slack/app.ts'), 'utf8');

describe('Slack manifest', () => {
  it('declares the command, shortcut, interactivity and scopes the app uses', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toContain('/idee');
    expect(code).toContain("app.command('/idee'");
    const shortcut = manifest.features.shortcuts[0].callback_id;
    expect(code).toContain(`app.shortcut('${shortcut}'`);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const scope of ['chat:write', 'commands', 'users:read.email', 'im:history'])
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
  });
});
