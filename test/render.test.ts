// The two renderers of the neutral views: every kind of part, at its longest, passes the official
// Adaptive Cards parser within Teams' 28 KB and Block Kit's documented limits; what people typed is
// escaped on both platforms.
import { describe, expect, it } from 'vitest';
import type { Button, Part, View } from '../src/bot/conversation/view.ts';
import { FORM_STEPS } from '../src/bot/form-steps.ts';
import { renderCard } from '../src/bot/teams/render.ts';
import { renderMessage, renderModal } from '../src/bot/slack/render.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';

const room = (step: readonly { maxLength?: number }[]) => step.reduce((n, f) => n + (f.maxLength ?? 20), 0);
const long = (n: number, unit = 'Ää ') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const hostile = '**bold** [link](http://evil.example) <!channel> <@U1> <http://x|y> _it_ # head';
const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `${long(60)} ${i}` }));
const buttons = (n: number, action = 'help'): Button[] =>
  Array.from({ length: n }, (_, i) => ({ label: `${long(100)} ${i}`, action, args: { proposalId: `p${i}`, n: i } }));

/** Every kind of part, each at the length a person can make it. */
function everything(): View {
  const parts: Part[] = [
    { kind: 'heading', text: long(400) },
    { kind: 'text', text: long(4000), strong: true, tone: 'warning' },
    { kind: 'text', text: hostile, subtle: true },
    { kind: 'facts', facts: Array.from({ length: 12 }, (_, i) => ({ label: `${long(60)} ${i}`, value: long(4000) })) },
    {
      kind: 'input',
      input: {
        kind: 'text',
        id: 'title',
        label: long(300),
        value: long(4000),
        multiline: true,
        maxLength: 4000,
        required: true,
        error: long(500),
      },
    },
    { kind: 'input', input: { kind: 'number', id: 'budget', label: 'Eelarve', value: '250000', hint: long(300) } },
    { kind: 'input', input: { kind: 'date', id: 'from', label: 'Alates', value: '2027-01-28' } },
    {
      kind: 'input',
      input: { kind: 'choice', id: 'service', label: 'Teenus', choices: choices(40), value: 'v3', required: true },
    },
    {
      kind: 'input',
      input: { kind: 'multiChoice', id: 'goals', label: 'Eesmärgid', choices: choices(8), value: ['v1', 'v2'] },
    },
    { kind: 'input', input: { kind: 'multiChoice', id: 'many', label: 'Palju', choices: choices(20), value: ['v10'] } },
    { kind: 'input', input: { kind: 'toggle', id: 'extra', label: 'Erakorraline', value: true } },
    { kind: 'input', input: { kind: 'time', id: 'at', label: 'Kellaaeg', value: '09:30', required: true } },
    {
      kind: 'input',
      input: {
        kind: 'search',
        id: 'links',
        dataset: 'portfolioItems',
        multiple: true,
        label: 'Seotud tööd',
        choices: choices(4),
        value: ['v1'],
        placeholder: 'Otsi',
      },
    },
    { kind: 'image', url: 'https://example.ee/teekaart.png', alt: long(300) },
    { kind: 'buttons', buttons: buttons(7) },
    { kind: 'link', label: long(100), url: 'https://example.ee/x.pdf' },
    { kind: 'divider' },
  ];
  return {
    title: long(200),
    parts,
    buttons: buttons(8),
    submit: { label: long(60), action: 'proposal.step', args: { step: 1 } },
  };
}

describe('renderers', () => {
  it('Teams: every part at its longest is a valid Adaptive Card 1.5 within 28 KB', () => {
    const card = renderCard(everything());
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(28 * 1024);
  });

  it("Teams: the form's largest step, every field full of two-byte letters, keeps every letter typed", () => {
    // The step with the most room for text (FORM_STEPS), every field at its limit.
    const step = [...FORM_STEPS].sort((a, b) => room(b) - room(a))[0]!;
    const parts: Part[] = step.map((f) => ({
      kind: 'input',
      input: {
        kind: 'text',
        id: f.name,
        label: long(100),
        value: long(f.maxLength ?? 20, 'õ'),
        multiline: true,
        maxLength: f.maxLength ?? 20,
      },
    }));
    const card = renderCard({
      title: 'x',
      parts: [{ kind: 'heading', text: 'Samm 4/6' }, ...parts],
      submit: { label: 'Edasi', action: 'proposal.step' },
    });
    expect(cardProblems(card)).toEqual([]);
    for (const f of step) expect(JSON.stringify(card)).toContain(long(f.maxLength ?? 20, 'õ'));
  });

  it('Teams: a view of 60 rows of long text is shortened to fit, not refused', () => {
    const parts: Part[] = Array.from({ length: 60 }, () => ({ kind: 'text', text: long(4000) }));
    const card = renderCard({ title: 'x', parts });
    expect(cardProblems(card)).toEqual([]);
  });

  it('Slack: every part at its longest is a valid message and a valid modal', () => {
    const message = renderMessage(everything());
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const modal = renderModal(everything(), 'Sulge', { channel: 'C1', ts: '1.2' });
    expect(blockKitProblems(modal as never)).toEqual([]);
    expect(modal.callback_id).toBe('flow:proposal.step');
    expect(JSON.parse(modal.private_metadata!)).toEqual({ a: { step: 1 }, m: { channel: 'C1', ts: '1.2' } });
  });

  it('Slack: a message of 80 parts keeps its buttons within 50 blocks', () => {
    const parts: Part[] = Array.from({ length: 80 }, (_, i) => ({ kind: 'text', text: `rida ${i}` }));
    const message = renderMessage({ title: 'x', parts, buttons: buttons(2) });
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)!.type).toBe('actions');
    expect(blockKitProblems(message.blocks)).toEqual([]);
  });

  it('what people typed is shown literally: no mention, link or formatting on either platform', () => {
    const view: View = {
      title: 't',
      parts: [
        { kind: 'text', text: hostile },
        { kind: 'facts', facts: [{ label: 'x', value: hostile }] },
      ],
    };
    const slack = JSON.stringify(renderMessage(view).blocks);
    expect(slack).not.toMatch(/<!channel>|<@U1>|<http/);
    expect(slack).toContain('&lt;!channel&gt;');
    const teams = JSON.stringify(renderCard(view));
    expect(teams).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    expect(teams).toContain('\\\\[link\\\\]\\\\(http://evil.example\\\\)');
  });

  it('buttons carry their flow and arguments: Teams in the data, Slack in action_id and value', () => {
    const view: View = {
      title: 't',
      parts: [],
      buttons: [{ label: 'Ava', action: 'agreement.show', args: { proposalId: 'p1' } }],
    };
    const action = renderCard(view).actions![0] as { verb: string; data: Record<string, unknown> };
    expect(action.verb).toBe('agreement.show');
    expect(action.data).toMatchObject({ action: 'agreement.show', args: { proposalId: 'p1' } });
    const button = (renderMessage(view).blocks[0] as { elements: { action_id: string; value: string }[] }).elements[0]!;
    expect(button.action_id).toBe('flow:agreement.show#0');
    expect(JSON.parse(button.value)).toEqual({ proposalId: 'p1' });
  });
});
