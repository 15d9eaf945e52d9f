// Reads of concurrent GraphQL requests share WHM `batch` requests while one is in flight, identical
// reads in flight are made once, and writes never wait or share. Counted by the simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

let gateway: TestGateway;

beforeAll(async () => {
  // Reads wait for the held-up batch however long it takes (the stall guard has its own test below).
  gateway = await startTestGateway({ readStallMs: 60_000 });
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.simulator.setFault('*', null);
  gateway.simulator.resetStats();
});

const VALIDATE = 'query($name: String!) { validateSystemUser(username: $name) { username exists } }';
const received = (fn: string) => gateway.simulator.requests.filter((request) => request.functionName === fn).length;

/** A read held up in WHM, so the server's read channel is busy until it answers. */
async function blockReads(ms: number): Promise<{ blocker: Promise<unknown> }> {
  const before = received('backup_date_list');
  gateway.simulator.setFault('backup_date_list', { kind: 'latency', ms });
  const blocker = gateway.query('{ backupDates { date } }');
  await eventually(async () => (received('backup_date_list') > before ? true : undefined), 5_000, 5);
  // Wrapped: an async function would otherwise wait for the promise it returns.
  return { blocker };
}

describe('cross-request batching', () => {
  it('ten concurrent requests for ten users cost one WHM request while another read is in flight', async () => {
    const { blocker } = await blockReads(1_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        gateway.query<{ validateSystemUser: { username: string } }>(VALIDATE, { name: `user${index}` }),
      ),
    );
    await blocker;
    expect(answers.map((answer) => answer.data?.validateSystemUser.username)).toEqual(
      Array.from({ length: 10 }, (_, index) => `user${index}`),
    );
    const stats = gateway.simulator.stats();
    // The held-up read, then ONE batch carrying the ten reads that queued behind it.
    expect(stats.totalRequests).toBe(2);
    expect(stats.calls.validate_system_user).toBe(10);
  });

  it('identical reads in flight are made once (single-flight)', async () => {
    const { blocker } = await blockReads(1_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => gateway.query<{ validateSystemUser: { exists: boolean } }>(VALIDATE, { name: 'harbor' })),
    );
    await blocker;
    expect(new Set(answers.map((answer) => answer.data?.validateSystemUser.exists))).toEqual(new Set([true]));
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(1);
    expect(gateway.simulator.stats().totalRequests).toBe(2);
  });

  it('a write neither waits for nor joins the reads in flight', async () => {
    const { blocker } = await blockReads(1_500);
    const activated = await gateway.query<{ activateRestoreQueue: { userErrors: unknown[] } }>(
      'mutation { activateRestoreQueue { userErrors { code } } }',
    );
    // The write went out and came back while the read was still held up in WHM.
    expect(activated.data?.activateRestoreQueue.userErrors).toEqual([]);
    expect(received('restore_queue_activate')).toBe(1);
    const stillBlocked = await Promise.race([
      blocker.then(() => false),
      new Promise((resolve) => setTimeout(() => resolve(true), 10)),
    ]);
    expect(stillBlocked).toBe(true);
    await blocker;
    // The request log counts writes too.
    const mutationLine = gateway.logLines
      .map((line) => JSON.parse(line) as { operationType?: string; whmRequests?: number })
      .filter((record) => record.operationType === 'mutation')
      .at(-1);
    expect(mutationLine?.whmRequests).toBe(1);
  });

  it('each request still counts the WHM requests it waited on', async () => {
    const { blocker } = await blockReads(800);
    await Promise.all([gateway.query(VALIDATE, { name: 'one' }), gateway.query(VALIDATE, { name: 'two' })]);
    await blocker;
    const counts = gateway.logLines
      .map((line) => JSON.parse(line) as { msg?: string; whmRequests?: number; operationName?: string })
      .filter((record) => typeof record.whmRequests === 'number')
      .slice(-3)
      .map((record) => record.whmRequests);
    expect(counts).toEqual([1, 1, 1]);
  });

  it('answers repeated reads from the short read cache only when configured, and forgets it on a write', async () => {
    const cached = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      readCacheMs: 5_000,
    });
    try {
      for (let round = 0; round < 3; round += 1) await cached.query(VALIDATE, { name: 'cached-user' });
      expect(gateway.simulator.stats().calls.validate_system_user).toBe(1);
      await cached.query('mutation { activateRestoreQueue { userErrors { code } } }');
      await cached.query(VALIDATE, { name: 'cached-user' });
      expect(gateway.simulator.stats().calls.validate_system_user).toBe(2);
      // Without the setting, every request reads again.
      for (let round = 0; round < 2; round += 1) await gateway.query(VALIDATE, { name: 'cached-user' });
      expect(gateway.simulator.stats().calls.validate_system_user).toBe(4);
    } finally {
      await cached.close();
    }
  });

  it("does not let one slow read hold the server's other reads: after readStallMs they go on their own", async () => {
    const guarded = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      readStallMs: 100,
    });
    try {
      gateway.simulator.setFault('backup_date_list', { kind: 'latency', ms: 3_000 });
      const before = received('backup_date_list');
      const blocker = guarded.query('{ backupDates { date } }').then(() => 'blocker');
      await eventually(async () => (received('backup_date_list') > before ? true : undefined), 5_000, 5);
      const other = guarded.query(VALIDATE, { name: 'unblocked' }).then(() => 'other');
      // The other read answers while the slow one is still held up in WHM.
      expect(await Promise.race([blocker, other])).toBe('other');
      await blocker;
    } finally {
      await guarded.close();
    }
  });
});
