// The threads that draw pictures (png-worker.mjs), so that an edition's pictures are drawn while
// the main thread writes its pages: one, or two where there are cores to spare; the least busy one
// takes the next picture. A picture is a whole PNG, one band of a picture drawn in bands, or a
// picture drawn whole and cut into bands (see png-encode.mjs).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncodedBand } from './png-encode.mjs';

type Drawn = Buffer | EncodedBand | EncodedBand[];
interface Waiting {
  resolve(drawn: Drawn): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}
interface PictureThread {
  worker: Worker;
  waiting: Map<number, Waiting>;
}
/** Rendering threads: one core is left to the main thread, and two are enough for an edition's two roadmaps side by side. */
const THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
const threads: (PictureThread | null)[] = Array.from({ length: THREADS }, () => null);
let nextId = 0;
/** A picture that takes longer than this is given up and its thread replaced (a few hundred ms is usual). */
const PICTURE_TIMEOUT_MS = 60_000;

const bufferOf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The least busy rendering thread, started on first use; a thread keeps the process alive only while
 * it works.
 */
function pictureThread(): PictureThread {
  let slot = 0;
  for (let k = 0; k < threads.length; k += 1) {
    const t = threads[k];
    if (!t) {
      slot = k;
      break;
    }
    if (t.waiting.size < threads[slot]!.waiting.size) slot = k;
  }
  const running = threads[slot];
  if (running) return running;
  const worker = new Worker(new URL('./png-worker.mjs', import.meta.url));
  const t: PictureThread = { worker, waiting: new Map() };
  const fail = (error: Error) => {
    // everything this thread still owes fails; the next picture starts a new one
    if (threads[slot] === t) threads[slot] = null;
    for (const w of t.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    t.waiting.clear();
  };
  worker.on(
    'message',
    (m: { id: number; png?: Uint8Array; band?: EncodedBand; bands?: EncodedBand[]; error?: string }) => {
      const w = t.waiting.get(m.id);
      if (!w) return;
      t.waiting.delete(m.id);
      clearTimeout(w.timer);
      if (t.waiting.size === 0) worker.unref();
      if (m.png) w.resolve(bufferOf(m.png));
      else if (m.band) w.resolve({ ...m.band, deflated: bufferOf(m.band.deflated) });
      else if (m.bands) w.resolve(m.bands.map((b) => ({ ...b, deflated: bufferOf(b.deflated) })));
      else w.reject(new Error(`A picture could not be drawn: ${m.error}`));
    },
  );
  worker.on('messageerror', (error) => fail(error));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The picture thread stopped (exit code ${code}).`)));
  worker.unref();
  threads[slot] = t;
  return t;
}

function draw(svgText: string, options: object, band: boolean, slices?: readonly number[]): Promise<Drawn> {
  const t = pictureThread();
  const id = nextId++;
  return new Promise<Drawn>((resolve, reject) => {
    const timer = setTimeout(() => {
      const slot = threads.indexOf(t);
      if (slot >= 0) threads[slot] = null; // the next picture starts a new thread
      void t.worker.terminate(); // its 'exit' fails whatever else it owed
      reject(new Error(`A picture took longer than ${PICTURE_TIMEOUT_MS / 1000} s and was given up.`));
    }, PICTURE_TIMEOUT_MS);
    t.waiting.set(id, { resolve, reject, timer });
    t.worker.ref();
    t.worker.postMessage({ id, svg: svgText, options, band, slices });
  });
}

/** The SVG as a PNG, drawn on a picture thread. */
export const pngOnThread = (svgText: string, options: object) => draw(svgText, options, false) as Promise<Buffer>;
/** The SVG as a band of a picture (see png-encode.mjs), drawn on a picture thread. */
export const bandOnThread = (svgText: string, options: object) => draw(svgText, options, true) as Promise<EncodedBand>;
/** The SVG drawn whole on a picture thread, as bands of `heights` pixel rows each. */
export const slicesOnThread = (svgText: string, options: object, heights: readonly number[]) =>
  draw(svgText, options, false, heights) as Promise<EncodedBand[]>;
