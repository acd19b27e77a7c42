// The minutes as Markdown and as a Word document (.docx), from one model, in Estonian or English;
// before the meeting the same model is its pack: the agenda with the co-thinkers' view, the status
// updates received and missing, without votes and decisions.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDateTime, formatEuros as euros } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import type { MinutesDecision, MinutesModel } from './minutes.ts';
import { xmlSafe } from '../publish/text.ts';

const decisionText = (locale: Locale, d: MinutesDecision['decision']) =>
  d ? t(locale, `decision.${d}` as MessageKey) : t(locale, 'minutes.noDecision');
const votesText = (locale: Locale, d: MinutesDecision) =>
  `${t(locale, 'decision.YES')} ${d.votes.YES} · ${t(locale, 'decision.YES_IF')} ${d.votes.YES_IF} · ${t(locale, 'decision.NO')} ${d.votes.NO}`;
const coThinkersText = (locale: Locale, d: MinutesDecision) =>
  Object.entries(d.coThinkers)
    .map(([r, n]) => `${t(locale, `recommendation.${r}` as MessageKey)} ${n}`)
    .join(', ');
/** What people typed, on one line, with Markdown's special characters escaped. */
const md = (s: string) =>
  xmlSafe(s)
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/([\\`*_[\]#<>|~!])/g, '\\$1');

export type MinutesKind = 'minutes' | 'pack';

/** The minutes' last lines: the audit chain head when they were made, and how to check a database against it. */
function auditLines(model: MinutesModel, locale: Locale, kind: MinutesKind): [string, string] | null {
  if (kind !== 'minutes' || !model.auditHead) return null;
  return [
    t(locale, 'audit.minutesHead', { seq: model.auditHead.seq }),
    `npm run audit:verify -- --seq ${model.auditHead.seq} --hash ${model.auditHead.hash}`,
  ];
}

function title(model: MinutesModel, locale: Locale, kind: MinutesKind): string {
  return (
    t(locale, kind === 'pack' ? 'pack.title' : 'minutes.title', {
      committee: model.committee[locale],
      date: formatDateTime(model.startsAt, locale),
    }) + (model.extraordinary ? ` (${t(locale, 'desk.extraordinaryShort')})` : '')
  );
}

export function minutesMarkdown(model: MinutesModel, locale: Locale, kind: MinutesKind = 'minutes'): string {
  const pack = kind === 'pack';
  const lines: string[] = [`# ${md(title(model, locale, kind))}`, ''];
  if (!pack) {
    lines.push(
      `${t(locale, 'minutes.delta')}: ${model.deltaNumber ? md(model.deltaNumber) : t(locale, 'minutes.deltaMissing')}`,
      '',
    );
    lines.push(
      `## ${t(locale, 'minutes.attendees')}`,
      '',
      `${t(locale, 'minutes.chair')}: ${md(model.chair)}`,
      '',
      ...model.attendees.map((a) => `- ${md(a)}`),
      '',
    );
  }
  lines.push(`## ${t(locale, pack ? 'pack.agenda' : 'minutes.decisions')}`, '');
  model.decisions.forEach((d, i) => {
    lines.push(
      `### ${i + 1}. ${t(locale, 'minutes.item', { number: d.number })} „${md(d.title)}“${pack ? '' : ` — ${decisionText(locale, d.decision)}`}`,
      '',
    );
    if (d.institution) lines.push(`${t(locale, 'publish.col.institution')}: ${md(d.institution[locale])}  `);
    if (!pack) lines.push(`${t(locale, 'minutes.votes')}: ${votesText(locale, d)}  `);
    lines.push(`${t(locale, 'minutes.coThinkers')}: ${coThinkersText(locale, d)}`, '');
    if (d.conditions.length)
      lines.push(`${t(locale, 'minutes.conditions')}:`, '', ...d.conditions.map((c, k) => `${k + 1}. ${md(c)}`), '');
    if (d.reason) lines.push(`${t(locale, 'minutes.reason')}: ${md(d.reason)}`, '');
  });
  if (model.decisions.length === 0) lines.push(t(locale, 'desk.none'), '');
  lines.push(`## ${t(locale, 'minutes.portfolio')}`, '', `### ${t(locale, 'minutes.added')}`, '');
  lines.push(
    ...(model.added.length
      ? model.added.map((a) => `- ${md(a.title)} — ${a.period}, ${euros(a.totalEur)}`)
      : [t(locale, 'publish.nothing')]),
    '',
  );
  lines.push(`### ${t(locale, 'minutes.statusReceived')}`, '');
  lines.push(
    ...(model.statusReceived.length
      ? model.statusReceived.map(
          (s) => `- ${md(s.title)} — ${t(locale, `itemStatus.${s.status}` as MessageKey)} ${s.progress}% (${md(s.by)})`,
        )
      : [t(locale, 'publish.nothing')]),
    '',
  );
  lines.push(`### ${t(locale, 'minutes.statusMissing')}`, '');
  lines.push(
    ...(model.statusMissing.length
      ? model.statusMissing.map((s) => `- ${md(s.title)}`)
      : [t(locale, 'publish.nothing')]),
    '',
  );
  const audit = auditLines(model, locale, kind);
  if (audit) lines.push('---', '', audit[0], '', `\`${audit[1]}\``, '');
  return lines.join('\n');
}

const para = (
  text: string,
  opts: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {},
) =>
  new Paragraph({
    ...(opts.heading ? { heading: opts.heading } : {}),
    children: [new TextRun({ text: xmlSafe(text), bold: opts.bold ?? false })],
  });
const bullet = (text: string) => new Paragraph({ text: xmlSafe(text), bullet: { level: 0 } });

function votesTable(locale: Locale, d: MinutesDecision): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold })] })],
    });
  return new Table({
    width: { size: 60, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: (['YES', 'YES_IF', 'NO'] as const).map((c) => cell(t(locale, `decision.${c}`), true)) }),
      new TableRow({ children: (['YES', 'YES_IF', 'NO'] as const).map((c) => cell(String(d.votes[c]))) }),
    ],
  });
}

export async function minutesDocx(model: MinutesModel, locale: Locale, kind: MinutesKind = 'minutes'): Promise<Buffer> {
  const pack = kind === 'pack';
  const children: (Paragraph | Table)[] = [para(title(model, locale, kind), { heading: HeadingLevel.TITLE })];
  if (!pack) {
    children.push(
      para(`${t(locale, 'minutes.delta')}: ${model.deltaNumber ?? t(locale, 'minutes.deltaMissing')}`),
      para(t(locale, 'minutes.attendees'), { heading: HeadingLevel.HEADING_1 }),
      para(`${t(locale, 'minutes.chair')}: ${model.chair}`),
      ...model.attendees.map((a) => bullet(a)),
    );
  }
  children.push(para(t(locale, pack ? 'pack.agenda' : 'minutes.decisions'), { heading: HeadingLevel.HEADING_1 }));
  model.decisions.forEach((d, i) => {
    children.push(
      para(
        `${i + 1}. ${t(locale, 'minutes.item', { number: d.number })} „${d.title}“${pack ? '' : ` — ${decisionText(locale, d.decision)}`}`,
        { heading: HeadingLevel.HEADING_2 },
      ),
    );
    if (d.institution) children.push(para(`${t(locale, 'publish.col.institution')}: ${d.institution[locale]}`));
    if (!pack) children.push(para(`${t(locale, 'minutes.votes')}:`), votesTable(locale, d));
    children.push(para(`${t(locale, 'minutes.coThinkers')}: ${coThinkersText(locale, d)}`));
    if (d.conditions.length) {
      children.push(para(`${t(locale, 'minutes.conditions')}:`, { bold: true }));
      d.conditions.forEach((c, k) => children.push(para(`${k + 1}. ${c}`)));
    }
    if (d.reason) children.push(para(`${t(locale, 'minutes.reason')}: ${d.reason}`));
  });
  children.push(
    para(t(locale, 'minutes.portfolio'), { heading: HeadingLevel.HEADING_1 }),
    para(t(locale, 'minutes.added'), { heading: HeadingLevel.HEADING_2 }),
  );
  children.push(
    ...(model.added.length
      ? model.added.map((a) => bullet(`${a.title} — ${a.period}, ${euros(a.totalEur)}`))
      : [para(t(locale, 'publish.nothing'))]),
  );
  children.push(para(t(locale, 'minutes.statusReceived'), { heading: HeadingLevel.HEADING_2 }));
  children.push(
    ...(model.statusReceived.length
      ? model.statusReceived.map((s) =>
          bullet(`${s.title} — ${t(locale, `itemStatus.${s.status}` as MessageKey)} ${s.progress}% (${s.by})`),
        )
      : [para(t(locale, 'publish.nothing'))]),
  );
  children.push(para(t(locale, 'minutes.statusMissing'), { heading: HeadingLevel.HEADING_2 }));
  children.push(
    ...(model.statusMissing.length
      ? model.statusMissing.map((s) => bullet(s.title))
      : [para(t(locale, 'publish.nothing'))]),
  );
  const audit = auditLines(model, locale, kind);
  if (audit)
    children.push(
      para(''),
      para(audit[0]),
      new Paragraph({ children: [new TextRun({ text: audit[1], font: 'Courier New', size: 18 })] }),
    );
  const doc = new Document({ creator: 'Arendusportfell', title: title(model, locale, kind), sections: [{ children }] });
  return Packer.toBuffer(doc);
}
