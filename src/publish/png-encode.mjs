// Encodes what resvg drew as PNG. resvg's own encoder compresses hard and took ~25 ms for a
// 1,300 × 1,500 roadmap; deflate level 3 without row filters takes a third of that for a file of
// about the same size (our pictures are mostly flat colour). resvg's pixels are premultiplied, which
// equals plain RGBA only where a pixel is opaque: our pictures paint a white background, and any
// picture with a transparent pixel is encoded by resvg instead. Plain JavaScript, shared by the
// picture thread (png-worker.mjs) and charts.ts.
import { crc32, deflateSync } from 'node:zlib';

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

/** @param {{ width: number, height: number, pixels: Buffer, asPng(): Buffer }} image resvg's RenderedImage */
export function encodePng(image) {
  const { width, height } = image;
  const pixels = image.pixels;
  if (!opaque(pixels)) return image.asPng();
  const stride = width * 4;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 3 })), chunk('IEND', Buffer.alloc(0))]);
}
