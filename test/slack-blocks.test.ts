// Block Kit's limits as the tests check them, and user text escaped. (Every view at its fullest is
// checked against them where it is made: test/render.test.ts and the areas' view tests.)
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../src/bot/slack/mrkdwn.ts';
import { blockKitProblems } from './support/block-kit.ts';

describe('Slack Block Kit', () => {
  it('the limits check itself catches an over-full message', () => {
    expect(blockKitProblems(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['51 blocks, over 50']);
  });

  it('escapes &, < and > so text cannot mention, ping or link', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <http://x|y> & co')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; &amp; co',
    );
  });
});
