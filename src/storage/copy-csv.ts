// Reads what `COPY … TO STDOUT WITH (FORMAT csv)` writes: fields separated by commas, quoted when
// they hold a comma, a quote or a line break; an unquoted empty field is NULL, a quoted one ("")
// the empty string. Rows end with \n (\r\n accepted).

const QUOTE = 34,
  COMMA = 44,
  LF = 10,
  CR = 13;

export function parseCopyCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const n = text.length;
  let row: (string | null)[] = [];
  let i = 0;
  while (i < n) {
    let value: string | null;
    if (text.charCodeAt(i) === QUOTE) {
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error(`COPY output ends inside a quoted field (row ${rows.length + 1})`);
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        out += text.slice(from, q);
        i = q + 1;
        break;
      }
      value = out;
    } else {
      let j = i;
      for (; j < n; j += 1) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
      }
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      if (i === n || text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)
        row.push(null); // a NULL last field
      else continue;
    }
    if (text.charCodeAt(i) === CR) i += 1;
    if (text.charCodeAt(i) === LF) i += 1;
    rows.push(row);
    row = [];
  }
  return rows;
}
