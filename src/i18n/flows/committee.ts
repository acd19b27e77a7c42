// Texts of the committee flows (src/bot/flows/committee.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'committee.placeholder': '—',
} as const;

export const en: Record<keyof typeof et, string> = {
  'committee.placeholder': '—',
};
