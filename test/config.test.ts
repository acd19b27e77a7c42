import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotenv } from '../src/config/dotenv.ts';
import { ConfigError, loadConfig } from '../src/config/env.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../src/workflow/audit-chain.ts';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, but the environment was accepted');
}

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3978,
      host: '127.0.0.1',
      database: { kind: 'pglite', dir: './data/pglite' },
      organizationFile: 'config/organization.example.yaml',
      publishDir: './data/publication',
      publicUrl: null,
      defaultLocale: 'et',
      logLevel: 'info',
      teams: null,
      playground: true,
      playgroundPort: 56150,
      reminderDigest: 'daily',
      slack: null,
      auditKey: DEVELOPMENT_AUDIT_KEY,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ', LOG_LEVEL: '' })).toMatchObject({
      port: 3978,
      database: { kind: 'pglite' },
      logLevel: 'info',
    });
  });

  it('takes every variable', () => {
    expect(
      loadConfig({
        NODE_ENV: 'production',
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgresql://bot:pw@db.example:5432/portfolio',
        PGLITE_DIR: '/ignored',
        ORGANIZATION_FILE: 'config/organization.yaml',
        PUBLISH_DIR: '/srv/portfell',
        PUBLIC_URL: 'https://portfell.example.ee/',
        DEFAULT_LOCALE: 'en',
        LOG_LEVEL: 'debug',
        CLIENT_ID: '11111111-2222-3333-4444-555555555555',
        CLIENT_SECRET: 'secret~value~123',
        TENANT_ID: '66666666-7777-8888-9999-000000000000',
        PLAYGROUND: 'on',
        AUDIT_KEY: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
      }),
    ).toEqual({
      nodeEnv: 'production',
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'postgres', url: 'postgresql://bot:pw@db.example:5432/portfolio' },
      organizationFile: 'config/organization.yaml',
      publishDir: '/srv/portfell',
      publicUrl: 'https://portfell.example.ee',
      defaultLocale: 'en',
      logLevel: 'debug',
      teams: {
        clientId: '11111111-2222-3333-4444-555555555555',
        clientSecret: 'secret~value~123',
        tenantId: '66666666-7777-8888-9999-000000000000',
      },
      playground: false,
      playgroundPort: 56150,
      reminderDigest: 'daily',
      slack: null,
      auditKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://localhost/x',
    });
    expect(loadConfig({ PGLITE_DIR: '/var/lib/bot' }).database).toEqual({ kind: 'pglite', dir: '/var/lib/bot' });
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(() => loadConfig({ PUBLIC_URL: 'portfell.example.ee' })).toThrow(
      /PUBLIC_URL: expected the address people and Slack\/Teams reach the bot at.*Example: PUBLIC_URL=https:\/\/portfell.example.ee/s,
    );
  });

  it('refuses to run the unauthenticated Teams endpoint in production or off loopback', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /CLIENT_ID, CLIENT_SECRET, TENANT_ID: expected in production/,
    );
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: expected a loopback address .* got "0.0.0.0"/);
    expect(() => loadConfig({ CLIENT_ID: '11111111-2222-3333-4444-555555555555' })).toThrow(
      /CLIENT_SECRET: expected with the other Teams credentials/,
    );
    expect(loadConfig({ HOST: 'localhost', PLAYGROUND: 'off' })).toMatchObject({ teams: null, playground: false });
  });

  it('refuses production without AUDIT_KEY, naming the variable with an example', () => {
    const production = {
      NODE_ENV: 'production',
      CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      CLIENT_SECRET: 'secret~value~123',
      TENANT_ID: '66666666-7777-8888-9999-000000000000',
    };
    const err = configError(production);
    expect(err.problems.map((p) => p.variable)).toEqual(['AUDIT_KEY']);
    expect(err.message).toMatch(/AUDIT_KEY: expected in production .*Example: AUDIT_KEY=[0-9a-f]{64}/);
    expect(configError({ ...production, AUDIT_KEY: 'short' }).message).toMatch(
      /AUDIT_KEY: expected a secret of at least 32 characters/,
    );
    expect(configError({ ...production, AUDIT_KEY: 'short' }).message).not.toContain('"short"'); // a secret is not echoed
    expect(configError({ ...production, AUDIT_KEY: DEVELOPMENT_AUDIT_KEY }).message).toMatch(
      /AUDIT_KEY: expected in production \(not the development key/,
    );
    expect(
      loadConfig({ ...production, AUDIT_KEY: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90' })
        .auditKey,
    ).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90');
  });

  it('takes Slack settings together, and says which one is missing', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' }).slack,
    ).toEqual({ botToken: 'xoxb-1-2-abc', signingSecret: '0123456789abcdef0123456789abcdef', appToken: undefined });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' })).toThrow(
      /SLACK_SIGNING_SECRET: expected with SLACK_BOT_TOKEN/,
    );
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1-A1-2-x' })).toThrow(
      /SLACK_BOT_TOKEN: expected with the other Slack settings/,
    );
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'token' })).toThrow(
      /SLACK_BOT_TOKEN: expected the Slack app's bot token \(starts with xoxb-\), got a value/,
    );
  });

  it.each([
    [
      'NODE_ENV',
      'prod',
      'NODE_ENV: expected one of development, production, test, got "prod". Example: NODE_ENV=production',
    ],
    ['PORT', 'abc', 'PORT: expected a port number 1–65535, got "abc". Example: PORT=3978'],
    ['PORT', '0', 'PORT: expected a port number 1–65535, got "0"'],
    ['PORT', '65536', 'PORT: expected a port number 1–65535, got "65536"'],
    ['PORT', '80.5', 'PORT: expected a port number 1–65535'],
    [
      'HOST',
      'local host',
      'HOST: expected a host name or IP address to listen on, got "local host". Example: HOST=0.0.0.0',
    ],
    [
      'DATABASE_URL',
      'mysql://localhost/db',
      'DATABASE_URL: expected a PostgreSQL connection URL starting with postgres:// or postgresql://',
    ],
    [
      'ORGANIZATION_FILE',
      'config/organization.json',
      'ORGANIZATION_FILE: expected a path to a YAML file (.yaml or .yml), got "config/organization.json"',
    ],
    ['DEFAULT_LOCALE', 'fi', 'DEFAULT_LOCALE: expected one of et, en, got "fi". Example: DEFAULT_LOCALE=et'],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL: expected one of debug, info, warn, error, got "verbose". Example: LOG_LEVEL=info',
    ],
  ])('refuses %s=%s', (name, value, message) => {
    const err = configError({ [name]: value });
    expect(err.problems.map((p) => p.variable)).toEqual([name]);
    expect(err.message).toContain(message);
    expect(err.message).toContain('.env.example');
  });

  it('does not echo a wrong DATABASE_URL, which may hold a password', () => {
    const err = configError({ DATABASE_URL: 'mysql://bot:hunter2@localhost/db' });
    expect(err.message).not.toContain('hunter2');
    expect(err.message).toContain('got a value starting with "mysql". Example: DATABASE_URL=postgresql://');
    expect(configError({ DATABASE_URL: 'postgresql://' }).problems).toHaveLength(1);
  });

  it('lists every wrong variable at once', () => {
    const err = configError({ PORT: 'abc', LOG_LEVEL: 'loud', DEFAULT_LOCALE: 'ru', HOST: '127.0.0.1' });
    expect(err.problems.map((p) => p.variable)).toEqual(['PORT', 'DEFAULT_LOCALE', 'LOG_LEVEL']);
    expect(err.message).toMatch(
      /^Invalid environment variables \(3\):\n {2}PORT: .*\n {2}DEFAULT_LOCALE: .*\n {2}LOG_LEVEL: /,
    );
  });
});

describe('loadDotenv', () => {
  const names = ['PORTFOLIO_TEST_FROM_FILE', 'PORTFOLIO_TEST_PRESET'];
  afterEach(() => {
    for (const n of names) delete process.env[n];
  });

  it('loads .env without overriding variables already set', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'env-')), '.env');
    writeFileSync(file, '# comment\nPORTFOLIO_TEST_FROM_FILE=from-file\nPORTFOLIO_TEST_PRESET=from-file\n');
    process.env.PORTFOLIO_TEST_PRESET = 'preset';
    expect(loadDotenv(file)).toBe(true);
    expect(process.env.PORTFOLIO_TEST_FROM_FILE).toBe('from-file');
    expect(process.env.PORTFOLIO_TEST_PRESET).toBe('preset');
  });

  it('does nothing without a file', () => {
    expect(loadDotenv(path.join(tmpdir(), 'no-such-dir-portfolio', '.env'))).toBe(false);
  });
});
