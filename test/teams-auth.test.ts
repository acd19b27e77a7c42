// With Teams credentials the SDK's endpoint validates every request's token: no token or a forged
// one gets 401 and nothing is processed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';

let app: RunningApp;
beforeAll(async () => {
  const env = {
    PLAYGROUND: 'off',
    CLIENT_ID: '11111111-2222-3333-4444-555555555555',
    CLIENT_SECRET: 'secret~value~123',
    TENANT_ID: '66666666-7777-8888-9999-000000000000',
  };
  app = await startApp(
    { ...loadConfig(env), port: 0, database: { kind: 'pglite', dir: null } },
    { log: () => undefined },
  );
});
afterAll(async () => {
  await app?.close();
});

describe('Teams with credentials', () => {
  it.each([
    ['no token', undefined],
    ['a forged token', 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.'],
  ])('answers 401 to %s and changes nothing', async (_name, auth) => {
    const body = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'x1',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: '29:kadri', aadObjectId: '77c38aee-dc59-4feb-b99c-6a8658f089d5' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:c', conversationType: 'personal' },
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'proposal.step',
          data: { action: 'proposal.step', args: { proposalId: null, step: 0 }, title: 'Võlts', serviceId: 'som-star' },
        },
      },
    };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(401);
    expect(await app.db.prisma.proposal.count()).toBe(0);
  });
});
