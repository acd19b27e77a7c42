// What people typed reaches pictures, Word documents and Markdown safely: control characters pasted
// from Word do not break the XML, and line breaks cannot change the structure of the minutes.
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { RENDER, roadmapSvg, toPng } from '../src/publish/charts.ts';
import type { MinutesModel } from '../src/files/minutes.ts';
import { minutesDocx, minutesMarkdown } from '../src/files/minutes-render.ts';
import { planColumns } from '../src/workflow/portfolio-plan.ts';

const TITLE = 'Register\u000b„uus“ & <parem>\u0001';
const ITEM = {
  id: 'a',
  title: '',
  domain: { et: 'd', en: 'd' },
  institution: { et: '', en: '' },
  service: null,
  startQuarter: '2027Q1',
  endQuarter: '2027Q4',
  status: 'inProgress',
  progress: 5,
  moneyPerYear: {},
  totalEur: 0,
  fundingSource: null,
  people: null,
  tehikTeam: null,
  linkedIds: [],
};

describe('typed text in generated files', () => {
  it('a picture renders with control characters and markup in a title', async () => {
    const svg = roadmapSvg([{ ...ITEM, title: TITLE }], 1, planColumns(new Date('2027-01-10T10:00:00Z')), 'et');
    expect(svg).toContain('Register„uus“ &amp; &lt;parem&gt;');
    expect((await toPng(svg)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('pictures draw Estonian letters from the chart font and other scripts from the full DejaVu Sans', async () => {
    const columns = planColumns(new Date('2027-01-10T10:00:00Z'));
    const png = (title: string) => toPng(roadmapSvg([{ ...ITEM, title }], 1, columns, 'et'));
    const undrawn = await png('日本語'); // in no font we ship: three missing glyphs
    expect((await png('Õžü')).equals(undrawn)).toBe(false); // in the subset (assets/fonts)
    expect((await png('Աբգ')).equals(undrawn)).toBe(false); // Armenian: not in the subset, drawn by the fallback
  });

  it('a picture that cannot be drawn fails with a message, and the next one is drawn', async () => {
    await expect(toPng('<svg')).rejects.toThrow(/A picture could not be drawn/);
    const svg = roadmapSvg([{ ...ITEM, title: 'Õ' }], 1, planColumns(new Date('2027-01-10T10:00:00Z')), 'et');
    expect((await toPng(svg)).equals(new Resvg(svg, RENDER).render().asPng())).toBe(true); // resvg's own drawing and encoding, on its threads
  });

  it('the chart fonts are "Portfell Sans" and hold the Estonian letters themselves', () => {
    const fonts = ['PortfellSans.ttf', 'PortfellSans-Bold.ttf'].map((f) =>
      fileURLToPath(new URL(`../assets/fonts/${f}`, import.meta.url)),
    );
    const draw = (s: string) =>
      new Resvg(
        `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="Portfell Sans" font-size="20">${s}</text></svg>`,
        { font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: 'nothing' } },
      )
        .render()
        .asPng();
    const undrawn = draw('日本語');
    for (const s of ['ÕÄÖÜ', 'õäöüšž', '€ – …', 'Привет']) expect(draw(s).equals(undrawn), s).toBe(false);
  });

  it('the minutes keep one line per decision and open as a document', async () => {
    const model: MinutesModel = {
      committee: { et: 'Komisjon', en: 'Committee' },
      startsAt: new Date('2027-03-04T08:00:00Z'),
      extraordinary: false,
      deltaNumber: null,
      chair: 'Olev Org',
      attendees: ['Olev Org'],
      added: [],
      statusReceived: [],
      statusMissing: [],
      decisions: [
        {
          number: 1,
          title: TITLE,
          institution: null,
          decision: 'NO',
          votes: { YES: 0, YES_IF: 0, NO: 2 },
          conditions: ['a\n## b'],
          reason: 'ok\n- JAH 9\n---',
          coThinkers: { support: 0 },
        },
      ],
    };
    const md = minutesMarkdown(model, 'et');
    expect(md).toContain('Põhjendus: ok - JAH 9 ---\n');
    expect(md).toContain('1. a \\#\\# b\n');
    expect(md).toContain('„Register„uus“ &amp; \\<parem\\>“ — EI');
    const xml = await (
      await JSZip.loadAsync(await minutesDocx(model, 'et'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('Register„uus“ &amp; &lt;parem&gt;');
  });
});
