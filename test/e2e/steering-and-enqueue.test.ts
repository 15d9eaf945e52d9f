// Steering in the state WHM reports (INVALID_STATE, and no write, when a command cannot apply), and
// enqueueing that loses nothing WHM accepted and treats a repeat as already queued.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.simulator.setFault('*', null);
});

const CREATE = `mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) {
  session { id } userErrors { code } } }`;
const ENQUEUE = `mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) {
  results { index queued alreadyQueued item { name } error { code message } } userErrors { code } } }`;
const STEER = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { session { id } userErrors { field message code } } }`;
const ITEMS = `query($id: ID!) { transferSession(id: $id) { items { name } } }`;

interface EnqueueData {
  enqueueTransferItems: {
    results: {
      index: number;
      queued: boolean;
      alreadyQueued: boolean;
      item: { name: string } | null;
      error: { code: string; message: string } | null;
    }[];
    userErrors: { code: string }[];
  };
}
type SteerData = Record<
  string,
  { session: { id: string } | null; userErrors: { field: string[]; message: string; code: string }[] }
>;

async function createSession(on: TestGateway = gateway): Promise<string> {
  const created = await on.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(CREATE);
  return created.data?.createRemoteRootTransferSession.session.id ?? '';
}
// Source accounts without a local namesake: the plan check holds back any other (not on the source, conflicts).
const accounts = (...users: string[]) => users.map((user) => ({ accountRemoteRoot: { user } }));
const packages = (...names: string[]) => names.map((name) => ({ packageRemoteRoot: { package: name } }));
const writesOf = (fn: string, on: TestGateway = gateway) =>
  on.simulator.requests.filter((request) => request.functionName === fn).length;
const stateOf = async (id: string, on: TestGateway = gateway) =>
  (await on.query<{ transferSession: { state: string } }>('query($id: ID!) { transferSession(id: $id) { state } }', { id })).data
    ?.transferSession.state;

async function steer(name: string, id: string, on: TestGateway = gateway) {
  const response = await on.query<SteerData>(STEER(name), { id });
  expect(response.errors).toBeUndefined();
  return response.data?.[name];
}

describe('steering checks the state first', () => {
  it('refuses pause and start of a PENDING session without items as INVALID_STATE, with no WHM write', async () => {
    const id = await createSession();
    const [pauses, starts] = [writesOf('pause_transfer_session'), writesOf('start_transfer_session')];
    const paused = await steer('pauseTransferSession', id);
    expect(paused?.userErrors).toEqual([
      { field: ['id'], code: 'INVALID_STATE', message: expect.stringMatching(/RUNNING.*this one is PENDING/) },
    ]);
    const started = await steer('startTransferSession', id);
    expect(started?.userErrors).toEqual([
      { field: ['id'], code: 'INVALID_STATE', message: expect.stringMatching(/no queued items/) },
    ]);
    expect([writesOf('pause_transfer_session'), writesOf('start_transfer_session')]).toEqual([pauses, starts]);
    expect(await stateOf(id)).toBe('PENDING');
  });

  it('refuses start, pause, resume and abort of a COMPLETED session, naming the state', async () => {
    const id = await createSession();
    await gateway.query(ENQUEUE, { id, items: accounts('acornfarm43') });
    expect((await steer('startTransferSession', id))?.userErrors).toEqual([]);
    await eventually(async () => ((await stateOf(id)) === 'COMPLETED' ? true : undefined), 20_000, 50);
    const before = ['start', 'pause', 'abort'].map((verb) => writesOf(`${verb}_transfer_session`));
    for (const name of ['startTransferSession', 'pauseTransferSession', 'resumeTransferSession', 'abortTransferSession']) {
      const payload = await steer(name, id);
      expect(payload?.userErrors, name).toEqual([
        { field: ['id'], code: 'INVALID_STATE', message: expect.stringContaining('this one is COMPLETED') },
      ]);
      expect(payload?.session?.id).toBe(id);
    }
    expect(['start', 'pause', 'abort'].map((verb) => writesOf(`${verb}_transfer_session`))).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown session, with no write', async () => {
    const payload = await steer('pauseTransferSession', 'nosuchhostcopya20260101000000abcdef');
    expect(payload).toEqual({ session: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: expect.any(String) }] });
  });

  it("maps WHM's refusal after a lost race to INVALID_STATE with the state it now has", async () => {
    // Slow simulated time keeps the session RUNNING; the pause is held up while an abort overtakes it.
    const slow = await startTestGateway({ simulator: { speedFactor: 20 }, sharedRegistry: gateway.registry });
    try {
      const id = await createSession(slow);
      await slow.query(ENQUEUE, { id, items: accounts('falcontools', 'maplepress', 'quilldesign') });
      expect((await steer('startTransferSession', id, slow))?.userErrors).toEqual([]);
      await eventually(async () => ((await stateOf(id, slow)) === 'RUNNING' ? true : undefined), 10_000, 25);
      slow.simulator.setFault('pause_transfer_session', { kind: 'latency', ms: 800 });
      const pausing = slow.query<SteerData>(STEER('pauseTransferSession'), { id });
      await eventually(async () => (writesOf('pause_transfer_session', slow) === 1 ? true : undefined), 5_000, 10);
      expect((await steer('abortTransferSession', id, slow))?.userErrors).toEqual([]);
      const paused = (await pausing).data?.pauseTransferSession;
      expect(paused?.userErrors).toEqual([
        { field: ['id'], code: 'INVALID_STATE', message: expect.stringMatching(/this one is (ABORTING|ABORTED)/) },
      ]);
    } finally {
      await slow.close();
    }
  });
});

describe('enqueueing loses nothing WHM accepted', () => {
  it('records the items of the chunks WHM accepted when another chunk fails in transport', async () => {
    const narrow = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      maxBatchSize: 2,
    });
    try {
      const id = await createSession(narrow);
      // Four items in two `batch` requests; one of them meets a 503 (writes are never retried). Packages: their
      // plan check reads only the analysis, a lone read that is not a `batch`, so the fault meets the writes.
      gateway.simulator.setFault('batch', { kind: 'status', status: 503, times: 1 });
      const response = await narrow.query<EnqueueData>(ENQUEUE, {
        id,
        items: packages('default', 'starter', 'business', 'hostpro_gold'),
      });
      expect(response.errors).toBeUndefined();
      const results = response.data?.enqueueTransferItems.results ?? [];
      const queued = results.filter((result) => result.queued).map((result) => result.item?.name);
      const failed = results.filter((result) => !result.queued);
      expect(queued).toHaveLength(2);
      expect(failed.map((result) => result.error?.code)).toEqual(['WHM_UNAVAILABLE', 'WHM_UNAVAILABLE']);
      expect(failed[0]?.error?.message).toMatch(/^Could not complete WHM enqueue_transfer_item .*enqueue \S+ again to be sure/);
      const items = await narrow.query<{ transferSession: { items: { name: string }[] } }>(ITEMS, { id });
      expect(items.data?.transferSession.items.map((item) => item.name).sort()).toEqual([...queued].sort());
    } finally {
      await narrow.close();
    }
  });

  it('treats a repeated enqueue of an item WHM already holds as queued, and says so', async () => {
    const id = await createSession();
    const first = await gateway.query<EnqueueData>(ENQUEUE, { id, items: accounts('opalyoga60') });
    expect(first.data?.enqueueTransferItems.results[0]).toMatchObject({ queued: true, alreadyQueued: false });
    const again = await gateway.query<EnqueueData>(ENQUEUE, { id, items: accounts('opalyoga60', 'umberpress') });
    expect(again.data?.enqueueTransferItems.results.map((result) => [result.queued, result.alreadyQueued, result.error])).toEqual(
      [
        [true, true, null],
        [true, false, null],
      ],
    );
    expect(again.data?.enqueueTransferItems.userErrors).toEqual([]);
    // The same item twice in one list is still the caller's mistake: the plan check holds the second back.
    const twice = await gateway.query<EnqueueData>(ENQUEUE, { id, items: accounts('sierracoffee', 'sierracoffee') });
    expect(twice.data?.enqueueTransferItems.results.map((result) => [result.queued, result.error?.code ?? null])).toEqual([
      [true, null],
      [false, 'PLAN_ISSUE'],
    ]);
  });
});

describe('one failure, one error; bad input no WHM call', () => {
  it('systemUsers nulls only the bad entry (BAD_USER_INPUT) and asks WHM about the others', async () => {
    gateway.simulator.resetStats();
    const response = await gateway.query<{ systemUsers: ({ username: string } | null)[] }>(
      '{ systemUsers(usernames: ["cedar", "NOT A NAME", "birch"]) { username exists } }',
    );
    expect(response.data?.systemUsers.map((user) => user?.username ?? null)).toEqual(['cedar', null, 'birch']);
    expect(response.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
      ['systemUsers.1', 'BAD_USER_INPUT'],
    ]);
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(2);
  });

  it('a WHM failure for users with four flags each is one error per user', async () => {
    gateway.simulator.setFault('batch', { kind: 'status', status: 503 });
    const response = await gateway.query(
      '{ systemUsers(usernames: ["cedar", "birch"]) { exists reserved validForNew validForTransfer } }',
    );
    expect(response.data).toEqual({ systemUsers: [null, null] });
    expect(response.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
      ['systemUsers.0', 'WHM_UNAVAILABLE'],
      ['systemUsers.1', 'WHM_UNAVAILABLE'],
    ]);
  });
});
