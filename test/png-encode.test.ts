// Our PNG encoder gives back exactly the pixels resvg drew, and leaves pictures with transparency to
// resvg's own encoder (its pixels are premultiplied, which plain RGBA is not). A picture drawn in
// bands (the roadmap) is, put together, the picture drawn whole; a band kept from an earlier
// picture is used as it is.
import { inflateSync, crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { bandedPngAsync, bandSvg, roadmapPicture, toBand, toPng, wholeSvg } from '../src/publish/charts.ts';
import {
  adler32,
  adler32Combine,
  encodeBand,
  encodePng,
  joinBands,
  type EncodedBand,
} from '../src/publish/png-encode.mjs';
import { planColumns } from '../src/workflow/portfolio-plan.ts';
import type { PublicItem } from '../src/workflow/publication.ts';

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))).toBe(true);
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typed) >>> 0);
    out.push({ type: typed.subarray(0, 4).toString('ascii'), data: typed.subarray(4) });
    at += 12 + length;
  }
  return out;
}

const draw = (svg: string) => new Resvg(svg, { font: { loadSystemFonts: false } }).render();

describe('PNG encoding of the pictures', () => {
  it('an opaque picture decodes to the very pixels resvg drew', () => {
    const image = draw(
      '<svg xmlns="http://www.w3.org/2000/svg" width="37" height="21"><rect width="100%" height="100%" fill="#fff"/><circle cx="15" cy="10" r="8" fill="#2e7d32"/><rect x="20" y="3" width="15" height="9" fill="#e0a100" opacity="0.5"/></svg>',
    );
    const parts = chunks(encodePng(image));
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = parts[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([37, 21, 8, 6]);
    const raw = inflateSync(parts[1]!.data);
    const rows = Array.from({ length: 21 }, (_, y) => raw.subarray(y * (37 * 4 + 1), (y + 1) * (37 * 4 + 1)));
    expect(rows.every((r) => r[0] === 0)).toBe(true); // no row filter
    expect(Buffer.concat(rows.map((r) => r.subarray(1))).equals(image.pixels)).toBe(true);
    expect(new Set(image.pixels.filter((_, i) => i % 4 !== 3)).size).toBeGreaterThan(2); // colours, not just white
  });

  it('a picture with transparent pixels is encoded by resvg, which un-premultiplies them', () => {
    const image = draw(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="10" fill="#004899" opacity="0.4"/></svg>',
    );
    expect(encodePng(image).equals(image.asPng())).toBe(true);
  });

  it('checksums of runs of bytes combine into the checksum of the runs joined', () => {
    const a = Buffer.from('Portfelli teekaart '.repeat(700)); // longer than the 5,552 bytes between reductions
    const b = Buffer.from([0, 255, 254, 1, ...Buffer.from('õäöü')]);
    expect(adler32(Buffer.alloc(0))).toBe(1);
    expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(adler32(Buffer.concat([a, b])));
    expect(adler32Combine(1, adler32(b), b.length)).toBe(adler32(b));
  });

  it('a roadmap drawn in bands is the roadmap drawn whole, and a kept band is not drawn again', async () => {
    const item = (n: number, status: string, title = `Töö nr ${n} – õäöü`): PublicItem => ({
      id: `r${n}`,
      title,
      domain: { et: 'd', en: 'd' },
      institution: { et: 'Amet', en: 'Board' },
      service: null,
      startQuarter: `2027Q${1 + (n % 4)}`,
      endQuarter: '2028Q2',
      status,
      progress: 0,
      moneyPerYear: {},
      totalEur: 0,
      fundingSource: null,
      people: null,
      tehikTeam: null,
      linkedIds: [],
    });
    // A stack of accents is drawn as two at most: nothing reaches into the next row.
    const items = [
      item(1, 'planned'),
      item(2, 'inProgress'),
      item(3, 'done'),
      item(4, 'paused', `A${'\u0302'.repeat(12)}\u0301 kõrge`),
    ];
    const picture = roadmapPicture(items, 9, planColumns(new Date('2027-01-10T10:00:00Z')), 'et');
    expect(picture.bands).toHaveLength(items.length + 2); // the head, a band for each item, the legend
    expect(picture.bands[4]!.body).toContain('\u00c2\u0302 kõrge'); // A and two circumflexes (composed: Â and one)
    expect(
      roadmapPicture([item(5, 'done', 'Việt Nam, Å')], 1, planColumns(new Date('2027-01-10T10:00:00Z')), 'et').bands[1]!
        .body,
    ).toContain('Việt Nam, Å');
    const pixelsOf = (png: Buffer) => inflateSync(chunks(png).find((c) => c.type === 'IDAT')!.data); // inflating checks the checksum too
    const whole = pixelsOf(toPng(wholeSvg(picture)));
    const keys = picture.bands.map((band) => bandSvg(picture.width, band));
    expect(pixelsOf(joinBands(keys.map((k) => toBand(k)))).equals(whole)).toBe(true); // every band drawn alone
    const used = new Map<string, EncodedBand>();
    const banded = await bandedPngAsync(picture, new Map(), used); // most bands new: drawn whole on a picture thread, cut into bands
    expect(pixelsOf(banded).equals(whole)).toBe(true);
    expect(used.size).toBe(picture.bands.length);

    // Bands kept from before are taken as they are (here the second band is a red one of the same
    // size); one that is not kept (the third) is drawn on its own, the same as in the whole picture.
    const redSvg = keys[1]!.replace(
      /<svg ([^>]*)>.*<\/svg>/,
      '<svg $1><rect width="100%" height="100%" fill="#ff0000"/></svg>',
    );
    const kept = new Map(used);
    kept.set(keys[1]!, encodeBand(new Resvg(redSvg, { fitTo: { mode: 'zoom', value: 1.5 } }).render()));
    kept.delete(keys[2]!);
    const again = new Map<string, EncodedBand>();
    const mixed = pixelsOf(await bandedPngAsync(picture, kept, again));
    const stride = chunks(banded)[0]!.data.readUInt32BE(0) * 4 + 1;
    const [head, row] = [56 * 1.5, 22 * 1.5]; // the bands' heights at zoom 1.5
    const rows = (from: number, to: number, px: Buffer) => px.subarray(from * stride, to * stride);
    expect([...mixed.subarray(head * stride + 1, head * stride + 5)]).toEqual([255, 0, 0, 255]); // the second band's first pixel
    expect(rows(0, head, mixed).equals(rows(0, head, whole))).toBe(true);
    expect(rows(head + row, mixed.length / stride, mixed).equals(rows(head + row, whole.length / stride, whole))).toBe(
      true,
    );
    expect(again.get(keys[2]!)).toBeDefined();
  });
});
