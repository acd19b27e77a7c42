// Encodes what resvg drew as PNG. resvg's own encoder compresses hard and took ~25 ms for a
// 1,300 × 1,500 roadmap; deflate level 3 without row filters takes a third of that for a file of
// about the same size (our pictures are mostly flat colour). resvg's pixels are premultiplied, which
// equals plain RGBA only where a pixel is opaque: our pictures paint a white background, and any
// picture with a transparent pixel is encoded by resvg instead. A picture drawn in horizontal bands
// (the roadmap: a band per row) is encoded band by band: each band's rows are deflated on their own,
// so a band drawn for an earlier picture joins new ones without being drawn or compressed again.
// Plain JavaScript, shared by the picture threads (png-worker.mjs) and charts.ts.
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type, data) {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

function opaque(pixels) {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
  return true;
}

/** The rows of pixels as PNG stores them: each row after its filter byte (none). */
function rawRows(pixels, width, height) {
  const stride = width * 4;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return raw;
}

function png(width, height, zlibStream) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlibStream), chunk('IEND', Buffer.alloc(0))]);
}

/** @param {{ width: number, height: number, pixels: Buffer, asPng(): Buffer }} image resvg's RenderedImage */
export function encodePng(image) {
  const { width, height } = image;
  if (!opaque(image.pixels)) return image.asPng();
  return png(width, height, deflateSync(rawRows(image.pixels, width, height), { level: 3 }));
}

const ADLER = 65521;

/** Adler-32 (zlib's checksum) of the bytes. */
export function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length); // the most bytes before the sums can overflow 2^32
    for (; i < end; i += 1) {
      a += bytes[i];
      b += a;
    }
    a %= ADLER;
    b %= ADLER;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of two runs of bytes one after the other, from theirs and the second's length (zlib's adler32_combine). */
export function adler32Combine(first, second, secondLength) {
  const rem = secondLength % ADLER;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % ADLER;
  sum1 += (second & 0xffff) + ADLER - 1;
  sum2 += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + ADLER - rem;
  if (sum1 >= ADLER) sum1 -= ADLER;
  if (sum1 >= ADLER) sum1 -= ADLER;
  if (sum2 >= 2 * ADLER) sum2 -= 2 * ADLER;
  if (sum2 >= ADLER) sum2 -= ADLER;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * A band of a picture: its rows deflated on their own, ending on a byte boundary without ending the
 * stream, so that bands can follow one another in one zlib stream; with their checksum and length.
 * @param {{ width: number, height: number, pixels: Buffer }} image resvg's RenderedImage of the band
 */
export function encodeBand(image) {
  const { width, height } = image;
  if (!opaque(image.pixels)) throw new Error('A band of a picture must be opaque (paint its background).');
  const raw = rawRows(image.pixels, width, height);
  return {
    width,
    height,
    adler: adler32(raw),
    length: raw.length,
    deflated: deflateRawSync(raw, { level: 3, finishFlush: constants.Z_SYNC_FLUSH }),
  };
}

/** The PNG of bands, top to bottom (all of one width). */
export function joinBands(bands) {
  if (bands.length === 0 || bands.some((b) => b.width !== bands[0].width))
    throw new Error('A banded picture needs bands of one width.');
  let adler = 1; // of no bytes
  for (const b of bands) adler = adler32Combine(adler, b.adler, b.length);
  const tail = Buffer.alloc(6);
  tail[0] = 0x03; // the last block: fixed codes, nothing in it
  tail.writeUInt32BE(adler, 2);
  const stream = Buffer.concat([Buffer.from([0x78, 0x01]), ...bands.map((b) => b.deflated), tail]);
  return png(
    bands[0].width,
    bands.reduce((h, b) => h + b.height, 0),
    stream,
  );
}
