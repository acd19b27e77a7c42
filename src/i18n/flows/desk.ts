// Texts of the desk flows (src/bot/flows/desk.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'desk.placeholder': '—',
} as const;

export const en: Record<keyof typeof et, string> = {
  'desk.placeholder': '—',
};
