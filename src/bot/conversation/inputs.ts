// What a person typed or chose in a view's inputs, read the same way on both platforms: Teams sends
// strings ("a,b" for several choices, "true" for a toggle), Slack sends its state (already turned
// into strings and lists by src/bot/slack/state.ts). Flows validate what they need with zod.
export class Inputs {
  constructor(readonly raw: Record<string, unknown> = {}) {}

  has(id: string): boolean {
    return id in this.raw && this.raw[id] !== undefined;
  }

  /** A text or single choice; '' when empty or absent. */
  text(id: string): string {
    const v = this.raw[id];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v)) return v.map(String).join(',');
    return '';
  }

  /** Several choices. */
  list(id: string): string[] {
    const v = this.raw[id];
    if (Array.isArray(v)) return v.map(String).filter(Boolean);
    if (typeof v === 'string') return v.split(',').filter(Boolean);
    return [];
  }

  /** A toggle: Teams' "true", Slack's one ticked checkbox. */
  bool(id: string): boolean {
    const v = this.raw[id];
    if (Array.isArray(v)) return v.length > 0;
    return v === true || v === 'true';
  }
}
