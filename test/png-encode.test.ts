// Our PNG encoder gives back exactly the pixels resvg drew, and leaves pictures with transparency to
// resvg's own encoder (its pixels are premultiplied, which plain RGBA is not).
import { inflateSync, crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../src/publish/png-encode.mjs';

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
    const image = draw('<svg xmlns="http://www.w3.org/2000/svg" width="37" height="21"><rect width="100%" height="100%" fill="#fff"/><circle cx="15" cy="10" r="8" fill="#2e7d32"/><rect x="20" y="3" width="15" height="9" fill="#e0a100" opacity="0.5"/></svg>');
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
    const image = draw('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="10" fill="#004899" opacity="0.4"/></svg>');
    expect(encodePng(image).equals(image.asPng())).toBe(true);
  });
});
