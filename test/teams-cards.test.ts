// Every card the Teams side can send, checked with the official Adaptive Cards parser (no unknown
// elements, no duplicate ids) and against Teams' 28 KB limit — with every field at its maximum.
import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../src/bot/teams/markdown.ts';
import { cardProblems } from './support/card-validation.ts';

describe('Teams cards', () => {
  it('the validator does catch what Teams would reject', () => {
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }, { type: 'Nope' }],
      }),
    ).toHaveLength(2);
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }],
      })[0],
    ).toMatch(/over Teams' 28672/);
  });

  it('escapes user text so it cannot format, link or list', () => {
    expect(escapeCardText('**bold** [x](http://y) _i_\n- item\n1. one')).toBe(
      '\\*\\*bold\\*\\* \\[x\\]\\(http://y\\) \\_i\\_\n\\- item\n1\\. one',
    );
  });
});
