// Every text a person sees exists in Estonian and English with the same placeholders; dates are
// Estonian-format in Europe/Tallinn.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, t } from '../src/i18n/catalogue.ts';
import { formatDate, formatDateTime, formatEuros } from '../src/i18n/dates.ts';
import { STAGES } from '../src/workflow/stages.ts';
import { RECOMMENDATIONS } from '../src/workflow/transitions/committee.ts';
import { FORM_FIELDS, STRATEGIC_GOALS } from '../src/workflow/proposal.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const et = Object.keys(CATALOGUES.et).sort();
    const en = Object.keys(CATALOGUES.en).sort();
    expect(en).toEqual(et);
    for (const key of et) {
      const a = CATALOGUES.et[key as keyof typeof CATALOGUES.et];
      const b = CATALOGUES.en[key as keyof typeof CATALOGUES.en];
      expect(a.trim(), key).not.toBe('');
      expect(b.trim(), key).not.toBe('');
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it('names every stage, form field, strategic goal and recommendation', () => {
    const keys = new Set(Object.keys(CATALOGUES.et));
    const needed = [
      ...STAGES.flatMap((s) => [`stage.${s}`, `next.${s}`]),
      ...FORM_FIELDS.map((f) => `form.${f}`),
      ...STRATEGIC_GOALS.map((g) => `goal.${g}`),
      ...RECOMMENDATIONS.map((r) => `recommendation.${r}`),
    ];
    expect(needed.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('uses the Estonian words of the process', () => {
    expect(t('et', 'form.currentSituation')).toBe('Hetkeolukord');
    expect(t('et', 'form.problem')).toBe('Lahendatav probleem');
    expect(t('et', 'decision.YES_IF')).toBe('JAH, KUI');
    expect(t('en', 'decision.YES_IF')).toBe('YES, IF');
  });

  it('fills placeholders, translates "@key" values and picks { et, en } names', () => {
    expect(t('et', 'refusal.wrongStage', { number: 7, stage: '@stage.board' })).toBe(
      'Arendusalgatus nr 7 on praegu etapis „asutuse juhtrühmas“, seega seda sammu ei saa teha.',
    );
    expect(t('en', 'refusal.wrongStage', { number: 7, stage: '@stage.board' })).toBe(
      'Initiative no. 7 is now "at the institution board", so this step is not possible.',
    );
    expect(
      t('en', 'refusal.onlyServiceManager', { number: 3, service: { et: 'Pensionid', en: 'Pensions' } }),
    ).toContain('"Pensions"');
  });
});

describe('dates', () => {
  it('shows Estonian format in Europe/Tallinn, across the daylight-saving change', () => {
    expect(formatDate(new Date('2026-12-31T22:30:00Z'))).toBe('01.01.2027'); // already new year in Tallinn
    expect(formatDateTime(new Date('2026-07-01T09:00:00Z'), 'et')).toBe('01.07.2026 kell 12:00'); // UTC+3 in summer
    expect(formatDateTime(new Date('2026-11-25T09:00:00Z'), 'en')).toBe('25.11.2026 at 11:00'); // UTC+2 in winter
  });
});

describe('euros', () => {
  it('writes amounts exactly as Intl writes them in Estonian, space-grouped from five digits', () => {
    const intl = new Intl.NumberFormat('et-EE', { maximumFractionDigits: 0 });
    const amounts = [
      0, 1, 999, 1000, 5000, 9999, 10_000, 12_345, 99_999, 100_000, 1_234_567, 380_000.4, 299_999.5, -5000, -123_456,
      -0.4, 1e16,
    ];
    let seed = 20261125; // the same amounts every run
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 2000; k += 1)
      amounts.push(Math.floor(random() * 10 ** (1 + (k % 12))) * (k % 7 === 0 ? -1 : 1));
    for (const n of amounts)
      expect(formatEuros(n), String(n)).toBe(`${intl.format(Math.round(n)).replace(/\u00a0/g, ' ')} €`);
    expect(formatEuros(300_000)).toBe('300 000 €');
  });
});
