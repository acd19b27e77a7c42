// Block Kit's documented limits, checked on what the bot sends: blocks per message (50) and per
// modal (100), text lengths, options per menu, elements per actions block, action_ids unique within
// a block (Slack rejects the message otherwise).
export function blockKitProblems(
  surface:
    | {
        blocks?: unknown[];
        type?: string;
        title?: { text: string };
        submit?: { text: string };
        close?: { text: string };
        private_metadata?: string;
      }
    | unknown[],
): string[] {
  const problems: string[] = [];
  const isView = !Array.isArray(surface);
  const blocks = (Array.isArray(surface) ? surface : (surface.blocks ?? [])) as Record<string, any>[];
  const max = isView && (surface as { type?: string }).type !== 'home' ? 100 : isView ? 100 : 50;
  if (blocks.length > max) problems.push(`${blocks.length} blocks, over ${max}`);
  if (isView) {
    const v = surface as {
      title?: { text: string };
      submit?: { text: string };
      close?: { text: string };
      private_metadata?: string;
    };
    for (const [k, t] of [
      ['title', v.title],
      ['submit', v.submit],
      ['close', v.close],
    ] as const)
      if (t && t.text.length > 24) problems.push(`${k} over 24 characters`);
    if ((v.private_metadata ?? '').length > 3000) problems.push('private_metadata over 3000');
  }
  const ids = new Set<string>();
  for (const b of blocks) {
    if (b.block_id) {
      if (ids.has(b.block_id)) problems.push(`duplicate block_id ${b.block_id}`);
      ids.add(b.block_id);
    }
    if (b.type === 'section' && b.text?.text?.length > 3000) problems.push('section text over 3000');
    if (b.type === 'header' && b.text?.text?.length > 150) problems.push('header over 150');
    if (b.type === 'input' && b.label?.text?.length > 2000) problems.push('label over 2000');
    if (b.type === 'actions' && b.elements.length > 25) problems.push('actions over 25 elements');
    if (b.type === 'context' && b.elements.length > 10) problems.push('context over 10 elements');
    const elements = [
      ...(b.type === 'actions' ? b.elements : b.element ? [b.element] : []),
      ...(b.accessory ? [b.accessory] : []),
    ];
    const actionIds = elements.map((e: { action_id?: string }) => e.action_id).filter(Boolean);
    if (new Set(actionIds).size !== actionIds.length)
      problems.push(`duplicate action_id in block: ${actionIds.join(', ')}`);
    for (const e of elements) {
      if (e.type === 'button' && e.text.text.length > 75) problems.push('button text over 75');
      if (e.type === 'button' && (e.value ?? '').length > 2000) problems.push('button value over 2000');
      if (e.options && e.options.length > (e.type === 'checkboxes' || e.type === 'radio_buttons' ? 10 : 100))
        problems.push(`${e.type} with ${e.options.length} options`);
      for (const o of e.options ?? [])
        if (o.text.type === 'plain_text' && o.text.text.length > 75) problems.push('option text over 75');
    }
  }
  return problems;
}
