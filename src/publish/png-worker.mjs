// Renders SVG to PNG on its own thread, so that the publication's pictures are drawn while the main
// thread writes the pages (resvg's renderAsync still encodes the PNG on the calling thread).
// Plain JavaScript: a worker starts the same under node, tsx and vitest. Messages: { id, svg,
// options } in, { id, png } or { id, error } out.
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from './png-encode.mjs';

parentPort.on('message', ({ id, svg, options }) => {
  try {
    parentPort.postMessage({ id, png: encodePng(new Resvg(svg, options).render()) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
