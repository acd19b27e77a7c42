// Renders SVG to PNG on its own thread, so that the publication's pictures are drawn while the main
// thread writes the pages (resvg's renderAsync still encodes the PNG on the calling thread).
// Plain JavaScript: a worker starts the same under node, tsx and vitest. Messages: { id, svg,
// options, band, slices } in; { id, png }, { id, band } (the picture as one encoded band), { id,
// bands } (the picture drawn whole, encoded as bands of `slices` pixel rows each) or { id, error } out.
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { encodeBand, encodePng } from './png-encode.mjs';

/** A band to send: its bytes in memory of their own (a view would send all of zlib's output buffer). */
const own = (band) => ({ ...band, deflated: new Uint8Array(band.deflated) });

/** The picture's bands, `heights` pixel rows each, top to bottom. */
function slices(image, heights) {
  const { width, height } = image;
  if (heights.reduce((a, b) => a + b, 0) !== height)
    throw new Error(`Bands of ${heights.join('+')} rows do not make a picture ${height} rows high.`);
  const pixels = image.pixels; // a copy each time it is read
  let y = 0;
  return heights.map((h) => {
    const band = own(encodeBand({ width, height: h, pixels: pixels.subarray(y * width * 4, (y + h) * width * 4) }));
    y += h;
    return band;
  });
}

parentPort.on('message', ({ id, svg, options, band, slices: heights }) => {
  try {
    const image = new Resvg(svg, options).render();
    if (heights) parentPort.postMessage({ id, bands: slices(image, heights) });
    else parentPort.postMessage(band ? { id, band: own(encodeBand(image)) } : { id, png: encodePng(image) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
