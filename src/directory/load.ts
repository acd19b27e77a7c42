// Reads the organisation file (config/organization*.yaml) into the engine's Directory. Any mistake
// stops start-up with a DirectoryError that names the file, the place in it, what was expected and
// what to do next.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Directory, Domain, DomainId, Institution, Locale, Person, Service } from '../workflow/directory.ts';
import { organizationSchema, type OrganizationFile } from './schema.ts';
import { DEFAULT_MEETING_RULE, MEETING_OFFSETS } from '../workflow/calendar.ts';

/** The demo organisation that ships with the bot, and the template for a real one. */
export const EXAMPLE_ORGANIZATION_FILE = path.resolve(import.meta.dirname, '../../config/organization.example.yaml');
const EXAMPLE_RELATIVE = 'config/organization.example.yaml';

export interface DirectoryProblem {
  /** Where in the file, e.g. "services[2].serviceManager"; "" for the whole file. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number | undefined;
  message: string;
}

export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly file: string,
    readonly problems: readonly DirectoryProblem[],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static fromProblems(file: string, problems: readonly DirectoryProblem[]): DirectoryError {
    const lines = problems.map((p) => {
      const where = p.path === '' ? '' : `${p.path}: `;
      const line = p.line === undefined ? '' : ` (line ${p.line})`;
      return `Fix ${file}: ${where}${p.message}${line}`;
    });
    return new DirectoryError(file, problems, lines.join('\n'));
  }
}

export interface DirectoryOptions {
  /** Locale of people whose entry has none (DEFAULT_LOCALE); Estonian unless told. */
  defaultLocale?: Locale;
}

export async function loadDirectory(file: string, options: DirectoryOptions = {}): Promise<Directory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const sameAsExample = path.resolve(file) === EXAMPLE_ORGANIZATION_FILE;
    let message: string;
    if (code === 'ENOENT') {
      message = sameAsExample
        ? `Organisation file ${file} not found. Restore it from the repository (git checkout -- ${EXAMPLE_RELATIVE}).`
        : `Organisation file ${file} not found. Create it by copying the example ` +
          `(cp ${EXAMPLE_RELATIVE} ${file}) and edit it, or set ORGANIZATION_FILE to an existing file.`;
    } else if (code === 'EISDIR') {
      message = `Organisation file ${file} is a directory — expected a YAML file. Set ORGANIZATION_FILE to a file such as ${EXAMPLE_RELATIVE}.`;
    } else {
      message = `Organisation file ${file} cannot be read (${code ?? String(err)}). Check that the file exists and is readable.`;
    }
    throw new DirectoryError(file, [{ path: '', message }], message, { cause: err });
  }
  return parseDirectory(text, file, options);
}

export function parseDirectory(text: string, file: string, options: DirectoryOptions = {}): Directory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw DirectoryError.fromProblems(file, [
      {
        path: '',
        line,
        message: `YAML syntax error at line ${line}, column ${col}: ${syntaxError.message} — expected valid YAML (check indentation, quotes and brackets)`,
      },
    ]);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw DirectoryError.fromProblems(file, [
      {
        path: '',
        message: `YAML cannot be read: ${(err as Error).message} — expected plain YAML without unresolved aliases`,
      },
    ]);
  }

  const result = organizationSchema.safeParse(data, { error: describeIssue });
  if (!result.success) {
    throw DirectoryError.fromProblems(file, problemsOf(result.error.issues, doc, lineCounter));
  }
  return toDirectory(result.data, options.defaultLocale ?? 'et');
}

function toDirectory(org: OrganizationFile, defaultLocale: Locale): Directory {
  const people = new Map<string, Person>();
  for (const p of org.people) {
    people.set(p.id, {
      id: p.id,
      name: p.name,
      email: p.email,
      locale: p.locale ?? defaultLocale,
      slackUserId: p.slackUserId,
      teamsObjectId: p.teamsObjectId,
      institutionId: p.institution,
    });
  }
  const institutions = new Map<string, Institution>();
  for (const x of org.institutions) {
    institutions.set(x.id, {
      id: x.id,
      name: { ...x.name },
      boardName: { ...x.boardName },
      boardMemberIds: [...x.boardMembers],
      representativeIds: [...x.representatives],
    });
  }
  const domains = new Map<DomainId, Domain>();
  for (const d of org.domains) {
    domains.set(d.id, {
      id: d.id,
      name: { ...d.name },
      committeeName: { ...d.committeeName },
      chairId: d.chair,
      committeeMemberIds: [...d.committeeMembers],
      coThinkerIds: [...d.coThinkers],
    });
  }
  const services = new Map<string, Service>();
  for (const s of org.services) {
    services.set(s.id, {
      id: s.id,
      name: { ...s.name },
      institutionId: s.institution,
      domainId: s.domain,
      serviceManagerId: s.serviceManager,
      policyManagerId: s.policyManager,
    });
  }
  return {
    people,
    institutions,
    domains,
    services,
    portfolioManagerIds: [...org.portfolioManagers],
    tehikRepresentativeIds: [...org.tehikRepresentatives],
    calendar: {
      meetingRule: org.calendar?.meetingRule ?? DEFAULT_MEETING_RULE,
      // The status request goes out a week before the status deadline (3 weeks before by default).
      offsets: {
        ...MEETING_OFFSETS,
        ...(org.calendar?.statusUpdatesDueDays
          ? {
              statusUpdatesDueDays: org.calendar.statusUpdatesDueDays,
              statusRequestDays: org.calendar.statusUpdatesDueDays + 7,
            }
          : {}),
      },
    },
  };
}

// ------------------------------------------------------------------------------- messages

type Segment = PropertyKey;

/** ["services", 2, "serviceManager"] -> "services[2].serviceManager" */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else {
      const key = String(s);
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (out === '' ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

function problemsOf(issues: readonly z.core.$ZodIssue[], doc: Document, lines: LineCounter): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = [...issue.path, key];
        problems.push({
          path: formatPath(at),
          line: lineOf(doc, lines, at),
          message: `unknown key '${key}' — expected only the keys described at the top of ${EXAMPLE_RELATIVE} (misspelt?)`,
        });
      }
      continue;
    }
    problems.push({ path: formatPath(issue.path), line: lineOf(doc, lines, issue.path), message: issue.message });
  }
  return problems;
}

/** The line of the nearest node that exists along the path (a missing key points at its parent). */
function lineOf(doc: Document, lines: LineCounter, at: readonly Segment[]): number | undefined {
  for (let n = at.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(at.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
};

/** Messages for the issues zod reports without a message of the schema's own. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing — expected ${expected}`
        : `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${String(issue.minimum)} entries` : undefined;
    default:
      return undefined;
  }
}
