// Draws the Teams app icons: color.png (192×192, a portfolio of bars on the ministry's blue) and
// outline.png (32×32, white bars on transparent). `npx tsx scripts/make-icons.ts` rewrites them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { png } from './png.ts';

const dir = path.resolve(import.meta.dirname, '../manifest/teams');
// Three roadmap bars: [row, start, end] as fractions of the icon.
const BARS: [number, number, number][] = [
  [0.3, 0.2, 0.62],
  [0.5, 0.35, 0.8],
  [0.7, 0.2, 0.55],
];
const inBar = (fx: number, fy: number) => BARS.some(([row, a, b]) => Math.abs(fy - row) < 0.07 && fx >= a && fx <= b);

writeFileSync(
  path.join(dir, 'color.png'),
  png(192, 192, (x, y) => (inBar(x / 192, y / 192) ? [255, 255, 255, 255] : [0, 72, 153, 255])),
);
writeFileSync(
  path.join(dir, 'outline.png'),
  png(32, 32, (x, y) => (inBar(x / 32, y / 32) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
);
console.log(`Icons written to ${dir}`);
