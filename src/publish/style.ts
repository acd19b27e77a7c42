// The fixed part of the published site's one stylesheet: plain, readable on a phone (the table
// turns into cards, labelled by siteStyle() in site.ts), printable, no web fonts and no script.
export const STYLE = `:root { --ink: #1a1a1a; --muted: #555; --brand: #004899; --line: #d0d7e2; --bg: #f6f8fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 4px solid var(--brand); padding-top: 8px; }
h1 { font-size: 1.6rem; margin: 0.2em 0 0.6em; color: var(--brand); }
h2 { font-size: 1.25rem; margin-top: 2em; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 1.2em 0 0.3em; }
a { color: var(--brand); }
.lang { float: right; margin: 8px 0 0; font-size: 0.9rem; }
.meta { color: var(--muted); }
.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 16px; }
.status { display: inline-block; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 0.85rem; }
.none { color: var(--muted); }
.audit { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
figure { margin: 1em 0; overflow-x: auto; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.charts { display: block; }
table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); }
td.num { text-align: right; white-space: nowrap; }
.sub { color: var(--muted); font-size: 0.85rem; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 3em; padding-bottom: 2em; border-top: 1px solid var(--line); }
@media (max-width: 640px) {
  h1 { font-size: 1.3rem; }
  .lang { float: none; }
  table, thead, tbody, tr, td { display: block; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 6px 8px; background: var(--bg); }
  td { border: 0; padding: 2px 0; }
  td.num { text-align: left; }
  td::before { font-weight: 600; color: var(--muted); }
}
@media print { .lang, .downloads { display: none; } }
`;
