// Texts of the review flows (src/bot/flows/review.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'review.placeholder': '—',
} as const;

export const en: Record<keyof typeof et, string> = {
  'review.placeholder': '—',
};
