// Reads a Slack modal's or message's state (state.values) into plain input values by block id.
type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
};

export function readState(values: Record<string, Record<string, StateValue>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const v = actions.v ?? Object.values(actions)[0];
    if (!v) continue;
    if (v.type === 'static_select' || v.type === 'radio_buttons' || v.type === 'external_select')
      out[blockId] = v.selected_option?.value ?? '';
    else if (v.type === 'datepicker' || v.selected_date !== undefined) out[blockId] = v.selected_date ?? v.value ?? '';
    else if (v.type === 'timepicker' || v.selected_time !== undefined) out[blockId] = v.selected_time ?? v.value ?? '';
    else if (v.type === 'checkboxes') out[blockId] = (v.selected_options ?? []).map((o) => o.value);
    else if (v.type?.startsWith('multi_'))
      out[blockId] = (v.selected_options ?? []).map((o) => o.value).join(','); // multi-selects: ids joined as Teams sends them
    else out[blockId] = v.value ?? '';
  }
  return out;
}
