/** PNG of what resvg drew (see png-encode.mjs). */
export function encodePng(image: { width: number; height: number; pixels: Buffer; asPng(): Buffer }): Buffer;
