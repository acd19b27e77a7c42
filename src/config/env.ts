// The bot's configuration from environment variables, validated with zod. Every wrong variable is
// reported at once, each with what is expected and an example line for .env. Empty values count as
// unset (a `PORT=` line in .env means "use the default").
import { z } from 'zod';
import type { DatabaseTarget } from '../storage/database.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../workflow/audit-chain.ts';
import type { Locale } from '../workflow/directory.ts';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** DATABASE_URL when set (PostgreSQL server), otherwise PGlite in PGLITE_DIR. */
  database: DatabaseTarget;
  organizationFile: string;
  /** where the published portfolio site is written (PUBLISH_DIR) */
  publishDir: string;
  /** PUBLIC_URL: the base of download links and pictures; null = the address the bot listens on */
  publicUrl: string | null;
  defaultLocale: Locale;
  logLevel: LogLevel;
  /** Teams credentials; null runs the local, unauthenticated endpoint (loopback only, not in production). */
  teams: { clientId: string; clientSecret: string; tenantId: string } | null;
  playground: boolean;
  playgroundPort: number;
  reminderDigest: 'daily' | 'weekly';
  /** Slack: off without SLACK_BOT_TOKEN; HTTP at /slack/events with the signing secret, Socket Mode with SLACK_APP_TOKEN. */
  slack: { botToken: string; signingSecret: string; appToken?: string | undefined } | null;
  /** AUDIT_KEY: keys the audit chain (HMAC-SHA256). Outside production, unset means DEVELOPMENT_AUDIT_KEY (no secret). */
  auditKey: string;
}

/** Start-up cannot go on for a reason outside the configuration file itself (a refused token…). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    const head =
      problems.length === 1 ? 'Invalid environment variable' : `Invalid environment variables (${problems.length})`;
    super(
      `${head}:\n${problems.map((p) => `  ${p.message}`).join('\n')}\n` +
        'Fix them in .env or in the environment (every variable is described in .env.example).',
    );
  }
}

interface Variable {
  schema: z.ZodType;
  expected: string;
  example: string;
  /** Never echo the value (it may hold a password). */
  secret?: boolean;
}

/** The example AUDIT_KEY shown in messages; like the development key, refused in production (it is public). */
const AUDIT_KEY_EXAMPLE = '3c9a5e0f7b2d4c6e8a1f3b5d7c9e0a2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c';

const oneOf = <const T extends string>(values: readonly [T, ...T[]], fallback: T) => z.enum(values).default(fallback);

const VARIABLES = {
  NODE_ENV: {
    schema: oneOf(['development', 'production', 'test'], 'development'),
    expected: 'one of development, production, test',
    example: 'production',
  },
  PORT: {
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535))
      .default(3978),
    expected: 'a port number 1–65535',
    example: '3978',
  },
  HOST: {
    schema: z
      .string()
      .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|\[[0-9A-Fa-f:.]+\])$/)
      .default('127.0.0.1'),
    expected: 'a host name or IP address to listen on',
    example: '0.0.0.0',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .refine((v) => /^postgres(?:ql)?:\/\/./.test(v) && URL.canParse(v))
      .optional(),
    expected:
      'a PostgreSQL connection URL starting with postgres:// or postgresql:// (leave unset for the embedded PGlite)',
    example: 'postgresql://portfolio:secret@localhost:5432/portfolio',
    secret: true,
  },
  PGLITE_DIR: {
    schema: z.string().default('./data/pglite'),
    expected: 'a directory for the embedded database',
    example: './data/pglite',
  },
  PUBLIC_URL: {
    schema: z
      .string()
      .url()
      .regex(/^https?:\/\//)
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    expected:
      'the address people and Slack/Teams reach the bot at, for download links and pictures (default: the address it listens on)',
    example: 'https://portfell.example.ee',
  },
  PUBLISH_DIR: {
    schema: z.string().min(1).default('./data/publication'),
    expected: 'a directory for the published portfolio site (HTML, CSS, PNG, CSV, JSON)',
    example: './public/portfell',
  },
  ORGANIZATION_FILE: {
    schema: z
      .string()
      .regex(/\.ya?ml$/i)
      .default('config/organization.example.yaml'),
    expected: 'a path to a YAML file (.yaml or .yml)',
    example: 'config/organization.yaml',
  },
  DEFAULT_LOCALE: {
    schema: oneOf(['et', 'en'], 'et'),
    expected: 'one of et, en',
    example: 'et',
  },
  CLIENT_ID: {
    schema: z
      .string()
      .regex(/^[0-9a-fA-F-]{36}$/)
      .optional(),
    expected: "the bot's Microsoft Entra app (client) id, a GUID",
    example: '00000000-0000-0000-0000-000000000000',
  },
  CLIENT_SECRET: {
    schema: z.string().min(10).optional(),
    expected: 'the client secret of that Entra app',
    example: 'abc~…',
    secret: true,
  },
  TENANT_ID: {
    schema: z
      .string()
      .regex(/^[0-9a-fA-F-]{36}$/)
      .optional(),
    expected: 'the Microsoft Entra tenant id, a GUID',
    example: '00000000-0000-0000-0000-000000000000',
  },
  SLACK_BOT_TOKEN: {
    schema: z
      .string()
      .regex(/^xoxb-[\w-]+$/)
      .optional(),
    expected: "the Slack app's bot token (starts with xoxb-)",
    example: 'xoxb-1234-5678-abcd',
    secret: true,
  },
  SLACK_SIGNING_SECRET: {
    schema: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
    expected: "the Slack app's signing secret (32 hexadecimal characters)",
    example: '0123456789abcdef0123456789abcdef',
    secret: true,
  },
  SLACK_APP_TOKEN: {
    schema: z
      .string()
      .regex(/^xapp-[\w-]+$/)
      .optional(),
    expected: 'an app-level token for Socket Mode (starts with xapp-)',
    example: 'xapp-1-A111-222-abc',
    secret: true,
  },
  PLAYGROUND: {
    schema: oneOf(['on', 'off'], 'on'),
    expected: 'on or off (start the Microsoft 365 Agents Playground when there are no Teams credentials)',
    example: 'off',
  },
  PLAYGROUND_PORT: {
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535))
      .default(56150),
    expected: 'a port number 1–65535 for the Agents Playground',
    example: '56150',
  },
  REMINDER_DIGEST: {
    schema: oneOf(['daily', 'weekly'], 'daily'),
    expected: 'daily or weekly (how often a person with pending work gets one reminder digest)',
    example: 'weekly',
  },
  LOG_LEVEL: {
    schema: oneOf(['debug', 'info', 'warn', 'error'], 'info'),
    expected: 'one of debug, info, warn, error',
    example: 'info',
  },
  AUDIT_KEY: {
    schema: z.string().min(32).optional(),
    expected:
      'a secret of at least 32 characters that keys the audit chain (make one with `openssl rand -hex 32`; keep it outside the database and do not change it)',
    example: AUDIT_KEY_EXAMPLE,
    secret: true,
  },
} satisfies Record<string, Variable>;

export type ConfigVariable = keyof typeof VARIABLES;
export const CONFIG_VARIABLES = Object.keys(VARIABLES) as ConfigVariable[];

const envSchema = z.object(
  Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as {
    [K in ConfigVariable]: (typeof VARIABLES)[K]['schema'];
  },
);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    input[name] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  const result = envSchema.safeParse(input);
  if (!result.success) {
    const wrong = new Set(result.error.issues.map((i) => String(i.path[0])));
    const problems = CONFIG_VARIABLES.filter((name) => wrong.has(name)).map((name) => {
      const v: Variable = VARIABLES[name];
      const value = input[name] ?? '';
      // A secret is never echoed: a URL by its scheme, anything else by its length.
      const got = !v.secret
        ? JSON.stringify(input[name])
        : value.includes('://')
          ? `a value starting with ${JSON.stringify(value.split('://')[0])}`
          : `a value of ${value.length} characters`;
      return { variable: name, message: `${name}: expected ${v.expected}, got ${got}. Example: ${name}=${v.example}` };
    });
    throw new ConfigError(problems);
  }

  const e = result.data;
  const teamsVars = [e.CLIENT_ID, e.CLIENT_SECRET, e.TENANT_ID];
  const problems: ConfigProblem[] = [];
  if (teamsVars.some(Boolean) && !teamsVars.every(Boolean)) {
    for (const name of ['CLIENT_ID', 'CLIENT_SECRET', 'TENANT_ID'] as const) {
      if (!e[name])
        problems.push({
          variable: name,
          message: `${name}: expected with the other Teams credentials (CLIENT_ID, CLIENT_SECRET and TENANT_ID go together). Example: ${name}=${VARIABLES[name].example}`,
        });
    }
  }
  const teams =
    e.CLIENT_ID && e.CLIENT_SECRET && e.TENANT_ID
      ? { clientId: e.CLIENT_ID, clientSecret: e.CLIENT_SECRET, tenantId: e.TENANT_ID }
      : null;
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'SLACK_SIGNING_SECRET: expected with SLACK_BOT_TOKEN (Basic Information → App Credentials → Signing Secret). Example: SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef',
    });
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      message:
        'SLACK_BOT_TOKEN: expected with the other Slack settings (OAuth & Permissions → Bot User OAuth Token). Example: SLACK_BOT_TOKEN=xoxb-1234-5678-abcd',
    });
  }
  if (!teams && problems.length === 0 && e.NODE_ENV === 'production') {
    problems.push({
      variable: 'CLIENT_ID',
      message:
        'CLIENT_ID, CLIENT_SECRET, TENANT_ID: expected in production — without them the Teams endpoint would accept unauthenticated requests. Register the bot (README, "Teams") and set them, e.g. CLIENT_ID=00000000-0000-0000-0000-000000000000',
    });
  }
  if (!teams && problems.length === 0 && !isLoopback(e.HOST)) {
    problems.push({
      variable: 'HOST',
      message: `HOST: expected a loopback address (127.0.0.1, ::1 or localhost) while there are no Teams credentials, got ${JSON.stringify(e.HOST)}. Example: HOST=127.0.0.1 — or set CLIENT_ID, CLIENT_SECRET and TENANT_ID`,
    });
  }
  if (
    e.NODE_ENV === 'production' &&
    (!e.AUDIT_KEY || e.AUDIT_KEY === DEVELOPMENT_AUDIT_KEY || e.AUDIT_KEY === AUDIT_KEY_EXAMPLE)
  ) {
    problems.push({
      variable: 'AUDIT_KEY',
      message: `AUDIT_KEY: expected in production${e.AUDIT_KEY ? ' (not the development key or the example, which are public)' : ''} — without a secret key anyone who can write to the database can rewrite the audit trail unnoticed. Make one with \`openssl rand -hex 32\` and keep it safe: the same key must be set for as long as the database lives (README, "The audit trail"). Example: AUDIT_KEY=${AUDIT_KEY_EXAMPLE}`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dir: e.PGLITE_DIR },
    organizationFile: e.ORGANIZATION_FILE,
    publishDir: e.PUBLISH_DIR,
    publicUrl: e.PUBLIC_URL ?? null,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    teams,
    playground: e.PLAYGROUND === 'on' && !teams,
    playgroundPort: e.PLAYGROUND_PORT,
    reminderDigest: e.REMINDER_DIGEST,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN }
        : null,
    auditKey: e.AUDIT_KEY ?? DEVELOPMENT_AUDIT_KEY,
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
