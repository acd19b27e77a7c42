// `npm run audit:verify -- --seq N --hash H`: verifies the audit chain of the database the
// configuration names (DATABASE_URL, or PGlite in PGLITE_DIR) with AUDIT_KEY, and checks that a chain
// head printed outside the database — in a meeting's minutes, on a published edition's page or in
// its portfolio.json — is in it. A head that is not there, or a chain that ends before it, means the
// database was rolled back, cut short, wiped or rewritten since that head was printed. Repeat the
// pair for several printed heads; without any, only the chain itself is verified. Changes nothing.
// Exit code: 0 verified, 1 a problem, 2 wrong arguments or a database that cannot be checked.
import { parseArgs } from 'node:util';
import { loadDotenv } from '../config/dotenv.ts';
import { loadConfig } from '../config/env.ts';
import { DEVELOPMENT_AUDIT_KEY, GENESIS_HASH, type ChainAnchor, type ChainProblem } from '../workflow/audit-chain.ts';
import { readAuditHead, verifyAuditLog } from './audit-log.ts';
import { openDatabase } from './database.ts';

const USAGE =
  'Usage: npm run audit:verify -- --seq N --hash H   (N and H as printed in the minutes or on an edition; repeat the pair for more printed heads)';

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

function anchorsFrom(argv: string[]): ChainAnchor[] {
  let values: { seq?: string[]; hash?: string[] };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { seq: { type: 'string', multiple: true }, hash: { type: 'string', multiple: true } },
      strict: true,
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const seqs = values.seq ?? [];
  const hashes = values.hash ?? [];
  if (seqs.length !== hashes.length) usage('Give --seq and --hash in pairs.');
  return seqs.map((seq, n) => {
    const hash = hashes[n]!.trim().toLowerCase();
    if (!/^\d+$/.test(seq)) usage(`--seq ${seq}: expected the number of an audit event (0, 1, 2, …).`);
    if (!/^[0-9a-f]{64}$/.test(hash) && hash !== GENESIS_HASH)
      usage(`--hash ${hashes[n]}: expected 64 hexadecimal characters.`);
    return { seq: Number(seq), hash };
  });
}

function describe(problem: ChainProblem, anchors: readonly ChainAnchor[]): string {
  const printed = (seq: number) => anchors.find((a) => a.seq === seq)?.hash ?? '';
  switch (problem.kind) {
    case 'changed':
      return `event ${problem.seq} was changed after it was written: its hash does not match its content with this AUDIT_KEY (or AUDIT_KEY is not the key the chain was written with).`;
    case 'missing':
      return `event ${problem.seq} is missing (deleted).`;
    case 'brokenLink':
      return `event ${problem.seq} does not follow the event before it (events deleted, inserted, or earlier ones rewritten).`;
    case 'headMismatch':
      return `the recorded chain head does not match the last event: events from ${problem.seq} on were deleted, or the head was changed.`;
    case 'keyedFromMoved':
      return `the start of the keyed chain (event ${problem.seq}) lies past the end of the log: it was moved.`;
    case 'anchorMismatch':
      return `event ${problem.seq} of the chain does not have the printed hash ${printed(problem.seq)}: the events up to it were rewritten (or the database was replaced) since that head was printed.`;
    case 'endsBeforeAnchor':
      return `the chain ends at event ${problem.lastSeq}, before the printed head ${problem.seq} ${printed(problem.seq)}: events were deleted and the head rolled back (or every row wiped), or this is an older copy of the database.`;
  }
}

const anchors = anchorsFrom(process.argv.slice(2));
loadDotenv();
const config = loadConfig();
if (config.auditKey === DEVELOPMENT_AUDIT_KEY)
  console.warn('AUDIT_KEY is not set: verifying with the development key. Set the AUDIT_KEY the bot runs with.');
const db = await openDatabase(config.database, { migrate: false });
try {
  const pending = await db.pending();
  if (pending.length > 0) {
    console.error(
      `The database has ${pending.length} migration(s) pending (${pending.join(', ')}): run \`npm run db:migrate\` first, then check again.`,
    );
    process.exitCode = 2;
  } else {
    const problem = await verifyAuditLog(db.prisma, { key: config.auditKey, anchors });
    const head = await readAuditHead(db.prisma);
    if (problem) {
      console.log(`Audit chain NOT verified: ${describe(problem, anchors)}`);
      console.log(
        'What to do: change nothing in this database; compare it with a backup taken before the problem and with the other printed heads; restore it if needed (README, "The audit trail").',
      );
      process.exitCode = 1;
    } else {
      console.log(
        `Audit chain verified with AUDIT_KEY: ${head.seq} events${head.keyedFrom > 1 ? ` (1–${head.keyedFrom - 1} written before the key, verified unkeyed)` : ''}; head ${head.seq} ${head.hash}.`,
      );
      for (const a of anchors) console.log(`The printed head ${a.seq} ${a.hash} is in the chain.`);
      process.exitCode = 0;
    }
  }
} finally {
  await db.close();
}
