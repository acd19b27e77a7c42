// Texts of the proposals flows (src/bot/flows/proposals.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'proposals.placeholder': '—',
} as const;

export const en: Record<keyof typeof et, string> = {
  'proposals.placeholder': '—',
};
