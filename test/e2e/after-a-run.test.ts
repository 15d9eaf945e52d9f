// After a run, over HTTP against the simulator: item warning texts (one WHM batch for a page's item
// logs), failures counted once in queue progress, retrying failed items in a new linked session, and
// listing sessions by the state WHM reports now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

const PASSWORD = 'remote-root-password';
type Item = {
  module: string;
  name: string;
  localName: string | null;
  size: number | null;
  state: string;
  warnings: string[];
  warningCount: number;
};
type Result = { index: number; queued: boolean; item: { name: string; localName: string | null; size: number | null } | null };
type UserErrors = { field: string[] | null; code: string; message: string }[];
type RetryPayload = {
  session: { id: string; kind: string; state: string } | null;
  retriedFrom: { id: string } | null;
  results: Result[];
  userErrors: UserErrors;
};

async function data<D>(query: string, variables: Record<string, unknown> = {}): Promise<D> {
  const response = await gateway.query<D>(query, variables);
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data;
}

/** A session with these items, run to COMPLETED. */
async function finishedSession(kind: 'Root' | 'User', items: Record<string, unknown>[]): Promise<string> {
  const input =
    kind === 'Root'
      ? `{ host: "source.example.net", credentials: { password: "${PASSWORD}" } }`
      : `{ host: "source.example.net", password: "${PASSWORD}" }`;
  const created = await data<Record<string, { session: { id: string } }>>(
    `mutation { createRemote${kind}TransferSession(input: ${input}) { session { id } } }`,
  );
  const id = created[`createRemote${kind}TransferSession`]?.session.id ?? '';
  const queued = await data<{ enqueueTransferItems: { userErrors: unknown[] } }>(
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { message } } }',
    { id, items },
  );
  expect(queued.enqueueTransferItems.userErrors).toEqual([]);
  await data('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }', { id });
  await untilState(id, 'COMPLETED');
  return id;
}

const untilState = (id: string, wanted: string) =>
  eventually(async () => {
    const read = await data<{ transferSession: { state: string } }>('query($id: ID!) { transferSession(id: $id) { state } }', {
      id,
    });
    return read.transferSession.state === wanted ? wanted : undefined;
  }, 30_000);

const RETRY = `mutation($id: ID!, $credentials: RetryCredentialsInput!, $items: [RetryItemInput!]) {
  retryTransferItems(sessionId: $id, credentials: $credentials, items: $items) {
    session { id kind state } retriedFrom { id } results { index queued item { name localName size } } userErrors { field code message }
  } }`;
const retry = async (variables: Record<string, unknown>) =>
  (await data<{ retryTransferItems: RetryPayload }>(RETRY, variables)).retryTransferItems;

const root = (user: string, options?: Record<string, unknown>) => ({ accountRemoteRoot: { user, options } });

describe('a finished root session with warnings and failures', () => {
  let id = '';
  let items: Item[] = [];
  const byName = (name: string) => items.find((item) => item.name === name);

  beforeAll(async () => {
    id = await finishedSession('Root', [
      root('meadow'),
      root('oddphp'),
      root('manydns'),
      root('quotafull'),
      root('slowsite'),
      root('juniper', { localUser: 'juniper2' }),
    ]);
  });

  it("lists each item's warning texts from its item logs, all logs in ONE WHM batch", async () => {
    gateway.simulator.resetStats();
    const read = await data<{ transferSession: { items: Item[] } }>(
      'query($id: ID!) { transferSession(id: $id) { items { module name localName size state warnings warningCount } } }',
      { id },
    );
    items = read.transferSession.items;
    expect(byName('oddphp')).toMatchObject({ state: 'COMPLETED', warningCount: 2 });
    expect(byName('oddphp')?.warnings).toEqual([
      expect.stringMatching(/PHP version of “oddphp”/),
      expect.stringMatching(/SSL certificate of “oddphp”/),
    ]);
    expect(byName('manydns')?.warnings).toHaveLength(3);
    expect(byName('meadow')).toMatchObject({ warnings: [], warningCount: 0 });
    expect(byName('slowsite')).toMatchObject({ state: 'FAILED', warnings: [] });
    // master.log, then the restore logs of the two items WHM counted warnings for: one batch.
    const { totalRequests, calls } = gateway.simulator.stats();
    expect(totalRequests).toBe(2);
    expect(calls.fetch_transfer_session_log).toBe(3);
    expect(gateway.simulator.requests.filter((request) => request.functionName === 'batch')).toHaveLength(1);
  });

  it('counts an item that failed in TRANSFER once, not again in RESTORE', async () => {
    const read = await data<{
      transferSession: { progress: { queues: { queue: string; completedItems: number; failedItems: number }[] } };
    }>('query($id: ID!) { transferSession(id: $id) { progress { queues { queue completedItems failedItems } } } }', { id });
    expect(read.transferSession.progress.queues).toEqual([
      { queue: 'TRANSFER', completedItems: 6, failedItems: 1 }, // slowsite
      { queue: 'RESTORE', completedItems: 6, failedItems: 1 }, // quotafull; slowsite not again
    ]);
  });

  it("checks the credentials' shape and the named items before anything reaches WHM", async () => {
    gateway.simulator.resetStats();
    const noSecret = await gateway.query(RETRY, { id, credentials: {} });
    expect(noSecret.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['credentials'] });
    expect(gateway.simulator.stats().totalRequests).toBe(0);
    const unknown = await retry({ id, credentials: { password: PASSWORD }, items: [{ name: 'meadow' }, { name: 'nobodyhere' }] });
    expect(unknown).toMatchObject({ session: null, userErrors: [{ field: ['items', '1'], code: 'NOT_FOUND' }] });
    expect(gateway.simulator.stats().calls.create_remote_root_transfer_session).toBeUndefined();
  });

  it('refuses wrong credentials as WHM does, and remembers no session', async () => {
    const before = await gateway.registry.count();
    const refused = await retry({ id, credentials: { password: 'not-it' } });
    expect(refused).toMatchObject({ session: null, retriedFrom: { id }, userErrors: [{ code: 'WHM_API_ERROR' }] });
    expect(await gateway.registry.count()).toBe(before);
  });

  it('retries the FAILED items in a new PENDING session on the same source, linked both ways', async () => {
    gateway.simulator.resetStats();
    const retried = await retry({ id, credentials: { password: PASSWORD } });
    expect(retried.userErrors).toEqual([]);
    expect(retried.session).toMatchObject({ kind: 'ROOT', state: 'PENDING' });
    expect(retried.retriedFrom).toEqual({ id });
    expect(retried.results.map((result) => [result.queued, result.item?.name])).toEqual([
      [true, 'quotafull'],
      [true, 'slowsite'],
    ]);
    expect(retried.results[0]?.item?.size).toBe(byName('quotafull')?.size);
    expect(gateway.simulator.stats().calls.enqueue_transfer_item).toBe(2);

    const newId = retried.session?.id ?? '';
    const record = await gateway.registry.get('sim', newId);
    expect(record).toMatchObject({ retriedFrom: id, remoteHost: 'source.example.net', kind: 'ROOT' });
    expect(record?.items.map((item) => item.name)).toEqual(['quotafull', 'slowsite']);
    const links = await data<{
      a: { retries: { id: string }[]; retriedFrom: null };
      b: { retriedFrom: { id: string }; items: { name: string; state: string }[] };
    }>(
      'query($id: ID!, $newId: ID!) { a: transferSession(id: $id) { retries { id } retriedFrom { id } } b: transferSession(id: $newId) { retriedFrom { id } items { name state } } }',
      { id, newId },
    );
    expect(links.a).toEqual({ retries: [{ id: newId }], retriedFrom: null });
    expect(links.b.retriedFrom).toEqual({ id });
    expect(links.b.items).toEqual([
      { name: 'quotafull', state: 'TRANSFER_PENDING' },
      { name: 'slowsite', state: 'TRANSFER_PENDING' },
    ]);
  });

  it('retries named items with their local name and size', async () => {
    const retried = await retry({
      id,
      credentials: { password: PASSWORD },
      items: [{ name: 'juniper', module: 'AccountRemoteRoot' }],
    });
    expect(retried.userErrors).toEqual([]);
    expect(retried.results).toEqual([
      { index: 0, queued: true, item: { name: 'juniper', localName: 'juniper2', size: byName('juniper')?.size } },
    ]);
    const links = await data<{ transferSession: { retries: { id: string }[] } }>(
      'query($id: ID!) { transferSession(id: $id) { retries { id } } }',
      { id },
    );
    expect(links.transferSession.retries.map((session) => session.id)).toEqual([retried.session?.id, expect.any(String)]);
  });
});

describe('retrying other sessions', () => {
  it('retries a user session with the account password only', async () => {
    const id = await finishedSession('User', [
      { accountRemoteUser: { user: 'slowsite' } },
      { accountRemoteUser: { user: 'cloudly' } },
    ]);
    const wrongShape = await gateway.query(RETRY, { id, credentials: { password: PASSWORD, sshKeyName: 'key' } });
    expect(wrongShape.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['credentials', 'sshKeyName'] });
    const retried = await retry({ id, credentials: { password: PASSWORD } });
    expect(retried.userErrors).toEqual([]);
    expect(retried.session?.kind).toBe('USER');
    expect(retried.results.map((result) => result.item?.name)).toEqual(['slowsite']);
  });

  it('says so when a session has no failed items, and when it does not exist', async () => {
    const id = await finishedSession('Root', [{ packageRemoteRoot: { package: 'business' } }]);
    const nothing = await retry({ id, credentials: { password: PASSWORD } });
    expect(nothing).toMatchObject({ session: null, userErrors: [{ code: 'INVALID_STATE' }] });
    const missing = await retry({ id: 'nosuchhostcopya20260101000000abcdef', credentials: { password: PASSWORD } });
    expect(missing).toMatchObject({ session: null, userErrors: [{ field: ['sessionId'], code: 'NOT_FOUND' }] });
  });
});

describe('transferSessions filtered by the state WHM reports now', () => {
  type Listing = {
    transferSessions: {
      totalCount: number;
      nodes: { id: string; state: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const LIST =
    'query($states: [TransferSessionState!], $first: Int, $after: String) { transferSessions(filter: { states: $states }, first: $first, after: $after) { totalCount nodes { id state } pageInfo { hasNextPage endCursor } } }';
  const list = (states: string[], first = 20, after: string | null = null) => data<Listing>(LIST, { states, first, after });

  it('does not return a COMPLETED session the registry last saw RUNNING, and finds it as COMPLETED', async () => {
    const id = await finishedSession('Root', [{ packageRemoteRoot: { package: 'default' } }]);
    await gateway.registry.recordState('sim', id, 'RUNNING');
    const running = await list(['RUNNING', 'PAUSING', 'PAUSED']);
    expect(running.transferSessions.nodes.map((node) => node.id)).not.toContain(id);
    expect(running.transferSessions.nodes.every((node) => ['RUNNING', 'PAUSING', 'PAUSED'].includes(node.state))).toBe(true);
    expect((await gateway.registry.get('sim', id))?.lastState).toBe('COMPLETED');
    const completed = await list(['COMPLETED']);
    expect(completed.transferSessions.nodes.map((node) => node.id)).toContain(id);
    expect(completed.transferSessions.totalCount).toBe(completed.transferSessions.nodes.length);
  });

  it('finds a PENDING session the registry last saw RUNNING, and pages through matches once each', async () => {
    const pending: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await data<{ createRemoteRootTransferSession: { session: { id: string } } }>(
        `mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "${PASSWORD}" } }) { session { id } } }`,
      );
      pending.push(created.createRemoteRootTransferSession.session.id);
      await gateway.registry.recordState('sim', created.createRemoteRootTransferSession.session.id, 'RUNNING');
    }
    expect((await list(['RUNNING'])).transferSessions.nodes).toEqual([]);
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 20; page += 1) {
      gateway.simulator.resetStats();
      const { transferSessions }: Listing = await list(['PENDING'], 1, after);
      // The unfinished candidates' states (and the page's own `state`) in one WHM request.
      expect(gateway.simulator.stats().totalRequests).toBeLessThanOrEqual(1);
      seen.push(...transferSessions.nodes.map((node) => node.id));
      totalCount = transferSessions.totalCount;
      expect(transferSessions.nodes.every((node) => node.state === 'PENDING')).toBe(true);
      if (!transferSessions.pageInfo.hasNextPage) break;
      after = transferSessions.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual([...pending].reverse());
    // The three above and the three sessions retryTransferItems left PENDING.
    expect(seen).toHaveLength(6);
    expect(totalCount).toBe(6);
  });
});
