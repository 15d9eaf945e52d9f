// Property-based fuzzing of inputs over HTTP: random usernames, hosts, numbers and item lists never
// crash the gateway, and whatever the gateway rejects never reaches WHM.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;
let sessionId = '';

beforeAll(async () => {
  gateway = await startTestGateway();
  const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
    'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
  );
  sessionId = created.data?.createRemoteRootTransferSession.session.id ?? '';
});
afterAll(async () => {
  await gateway.close();
});

const RUNS = 60;

/** Sends one operation and checks the two invariants; returns the response for further checks. */
async function probe(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  gateway.simulator.resetStats();
  const response = await gateway.query(query, variables);
  expect(response.status).toBeLessThan(500);
  const codes = (response.errors ?? []).map((error) => error.extensions?.code);
  expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  if (codes.includes('BAD_USER_INPUT')) {
    // Refused inputs cost WHM nothing.
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  }
  return response;
}

// Strings with the characters that break naive code: separators, quotes, control characters, Unicode.
const nastyString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'root',
    '../etc',
    'a&b=c',
    'a\nb',
    'ünï',
    'x'.repeat(300),
    'user;rm -rf',
    '%00',
    'a b',
    'valid_name-1.2',
  ),
);

describe('fuzzing inputs', () => {
  it('usernames', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, async (username) => {
        const response = await probe('query($u: String!) { validateSystemUser(username: $u) { username exists } }', {
          u: username,
        });
        if (!response.errors)
          expect(typeof (response.data as { validateSystemUser: { exists: boolean } }).validateSystemUser.exists).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('hosts, ports and thread counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nastyString, fc.domain(), fc.ipV4(), fc.ipV6()),
        fc.oneof(fc.integer(), fc.constant(null)),
        fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(null)),
        async (host, port, threads) => {
          await probe(
            'mutation($h: String!, $p: Int, $t: Int) { createRemoteRootTransferSession(input: { host: $h, port: $p, transferThreads: $t, credentials: { password: "wrong-password" } }) { session { id } userErrors { code } } }',
            { h: host, p: port, t: threads },
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('item lists', async () => {
    const size = fc.oneof(fc.constant(null), fc.integer(), fc.double({ noNaN: true }), fc.constant(2 ** 60));
    const account = fc.record({
      user: nastyString,
      options: fc.option(
        fc.record({ localUser: fc.option(nastyString), size, priority: fc.option(fc.integer({ min: -10, max: 300 })) }),
      ),
    });
    const item = fc.oneof(
      fc.record({ accountRemoteRoot: account }),
      fc.record({ packageRemoteRoot: fc.record({ package: nastyString, size }) }),
      fc.record({ configRemoteRoot: fc.record({ module: nastyString, name: nastyString }) }),
      fc.record({ legacyAccountBackup: fc.record({ user: nastyString, type: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY') }) }),
      fc.constant({}),
      fc.record({ accountRemoteRoot: account, packageRemoteRoot: fc.record({ package: nastyString }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 8 }), async (items) => {
        await probe(
          'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { results { queued } userErrors { code } } }',
          { id: sessionId, items },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('session ids, log files and page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, fc.option(nastyString), fc.integer({ min: -1000, max: 100_000 }), async (id, file, first) => {
        await probe('query($id: ID!, $f: String) { transferSession(id: $id) { id log(file: $f) { lineCount } } }', {
          id,
          f: file,
        });
        await probe('query($n: Int) { transferSessions(first: $n) { totalCount } }', { n: first });
      }),
      { numRuns: RUNS },
    );
  });
});
