/** PNG of what resvg drew (see png-encode.mjs). */
export function encodePng(image: { width: number; height: number; pixels: Buffer; asPng(): Buffer }): Buffer;

/** A band of a picture, deflated on its own (see png-encode.mjs). */
export interface EncodedBand {
  width: number;
  height: number;
  adler: number;
  length: number;
  deflated: Buffer;
}
export function encodeBand(image: { width: number; height: number; pixels: Buffer }): EncodedBand;
/** The PNG of bands, top to bottom. */
export function joinBands(bands: readonly EncodedBand[]): Buffer;
export function adler32(bytes: Uint8Array): number;
export function adler32Combine(first: number, second: number, secondLength: number): number;
