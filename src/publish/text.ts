// Text people typed, made safe for XML (SVG pictures, Word documents): characters XML forbids —
// control characters pasted from Word, unpaired surrogates — are dropped.
// eslint-disable-next-line no-control-regex
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}

const NEEDS_ESCAPE = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Text for HTML and SVG: markup characters escaped, characters XML forbids dropped (most text needs neither: one test, no copy). */
export function esc(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
