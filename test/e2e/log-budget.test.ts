// A viewer cannot make the gateway return unbounded log text: too many log fields are refused before
// any WHM call, and a response's log fields share one byte budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

let gateway: TestGateway;
let sessionId: string;

beforeAll(async () => {
  gateway = await startTestGateway({ maxLogBytes: 4096, gateway: { maxResponseLogBytes: 6000 } });
  const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
    'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
  );
  sessionId = created.data?.createRemoteRootTransferSession.session.id ?? '';
  const items = ['meadow', 'cloudly', 'cedar', 'birch'].map((user) => ({ accountRemoteRoot: { user } }));
  await gateway.query(
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { code } } }',
    {
      id: sessionId,
      items,
    },
  );
  await gateway.query('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { code } } }', { id: sessionId });
  await eventually(async () => {
    const state = await gateway.query<{ transferSession: { isFinished: boolean } }>(
      'query($id: ID!) { transferSession(id: $id) { isFinished } }',
      {
        id: sessionId,
      },
    );
    return state.data?.transferSession.isFinished ? true : undefined;
  }, 20_000);
});
afterAll(async () => {
  await gateway.close();
});

describe('log fields per operation', () => {
  it('refuses thirty aliased logs on a page of 100 sessions before any WHM call', async () => {
    gateway.simulator.resetStats();
    const aliases = Array.from({ length: 29 }, (_, index) => `a${index}: log { text }`).join(' ');
    const response = await gateway.query(`{ transferSessions(first: 100) { nodes { ${aliases} } } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/2900 log fields/);
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });

  it('counts fragments and a variable page size at the cap', async () => {
    const response = await gateway.query(
      'query($n: Int) { transferSessions(first: $n) { nodes { ...Logs } } } fragment Logs on TransferSession { log { text } errorLog { text } events { action } b: events { action } }',
      { n: 5 },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/400 log fields/);
  });

  it('lets a page of sessions with their log, error log and events through', async () => {
    const response = await gateway.query(
      '{ transferSessions(first: 100) { nodes { log { truncated } errorLog { truncated } events(last: 5) { action } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });
});

describe('the response log budget', () => {
  it('cuts later log fields once the response has carried its budget, and says so', async () => {
    const aliases = Array.from({ length: 4 }, (_, index) => `l${index}: log { text truncated lineCount }`).join(' ');
    const response = await gateway.query<Record<string, Record<string, { text: string; truncated: boolean }>>>(
      `query($id: ID!) { transferSession(id: $id) { ${aliases} } }`,
      { id: sessionId },
    );
    expect(response.errors).toBeUndefined();
    const logs = Object.values(response.data?.transferSession ?? {});
    const bytes = logs.map((log) => Buffer.byteLength(log.text));
    expect(bytes[0]).toBeGreaterThan(2000);
    expect(bytes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(6000);
    expect(logs.at(-1)).toMatchObject({ text: '', truncated: true });
    const body = response as unknown as { extensions?: { logBudget?: { limitBytes: number; truncatedFields: number } } };
    expect(body.extensions?.logBudget?.limitBytes).toBe(6000);
    expect(body.extensions?.logBudget?.truncatedFields).toBeGreaterThanOrEqual(2);
  });

  it('adds nothing when the budget was not reached', async () => {
    const response = await gateway.query('query($id: ID!) { transferSession(id: $id) { log(tailLines: 2) { text } } }', {
      id: sessionId,
    });
    expect((response as unknown as { extensions?: unknown }).extensions).toBeUndefined();
  });
});
