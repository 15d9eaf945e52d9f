// The whole Transfer and Restore workflow through the gateway over HTTP, against the simulator.
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

const CREATE = /* GraphQL */ `
  mutation Create($threads: Int) {
    createRemoteRootTransferSession(
      input: {
        host: "source.example.net"
        credentials: { password: "remote-root-password" }
        transferThreads: $threads
        restoreThreads: $threads
      }
    ) {
      session {
        id
        kind
        state
        remoteHost
        adopted
      }
      userErrors {
        field
        message
        code
      }
      warnings
      output
    }
  }
`;

interface SessionData {
  id: string;
  kind: string;
  state: string;
  remoteHost: string | null;
  adopted: boolean;
}

async function createSession(threads = 2): Promise<string> {
  const response = await gateway.query<{ createRemoteRootTransferSession: { session: SessionData; userErrors: unknown[] } }>(
    CREATE,
    { threads },
  );
  expect(response.errors).toBeUndefined();
  const payload = response.data?.createRemoteRootTransferSession;
  expect(payload?.userErrors).toEqual([]);
  return payload?.session.id ?? '';
}

const ENQUEUE = /* GraphQL */ `
  mutation Queue($id: ID!, $items: [TransferItemInput!]!) {
    enqueueTransferItems(sessionId: $id, items: $items) {
      results {
        index
        queued
        item {
          module
          name
          localName
          size
          state
        }
        error {
          field
          message
          code
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface EnqueueData {
  enqueueTransferItems: {
    results: {
      index: number;
      queued: boolean;
      item: { module: string; name: string; size: number | null } | null;
      error: { code: string; message: string } | null;
    }[];
    userErrors: { field: string[]; code: string }[];
  };
}

async function stateOf(id: string): Promise<string> {
  const response = await gateway.query<{ transferSession: { state: string } }>(
    'query($id: ID!) { transferSession(id: $id) { state } }',
    { id },
  );
  return response.data?.transferSession.state ?? 'missing';
}

const untilState = (id: string, wanted: string[]) =>
  eventually(async () => {
    const state = await stateOf(id);
    return wanted.includes(state) ? state : undefined;
  }, 20_000);

describe('a root transfer, end to end', () => {
  let sessionId = '';

  it('creates a session, remembered by the registry', async () => {
    sessionId = await createSession();
    expect(sessionId).toMatch(/copya/);
    const record = await gateway.registry.get('sim', sessionId);
    expect(record?.kind).toBe('ROOT');
    expect(record?.remoteHost).toBe('source.example.net');
    expect(await stateOf(sessionId)).toBe('PENDING');
  });

  it('analyses 200+ accounts and checks each username locally in at most 3 WHM requests', async () => {
    gateway.simulator.resetStats();
    const response = await gateway.query<{
      transferSession: { analysis: { accounts: { user: string; localUser: { exists: boolean; validForTransfer: boolean } }[] } };
    }>(`query($id: ID!) { transferSession(id: $id) { analysis { accounts { user localUser { exists validForTransfer } } } } }`, {
      id: sessionId,
    });
    expect(response.errors).toBeUndefined();
    const accounts = response.data?.transferSession.analysis.accounts ?? [];
    expect(accounts.length).toBeGreaterThanOrEqual(200);
    expect(gateway.simulator.stats().totalRequests).toBeLessThanOrEqual(3);
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(accounts.length);
    const harbor = accounts.find((account) => account.user === 'harbor');
    expect(harbor?.localUser.exists).toBe(true);
    const meadow = accounts.find((account) => account.user === 'meadow');
    expect(meadow?.localUser).toEqual({ exists: false, validForTransfer: true });
  });

  it('checks a list in one WHM batch of reads, then enqueues it as ONE WHM batch, with per-item errors and sizes from the analysis', async () => {
    gateway.simulator.resetStats();
    const response = await gateway.query<EnqueueData>(ENQUEUE, {
      id: sessionId,
      items: [
        { accountRemoteRoot: { user: 'meadow' } },
        { accountRemoteRoot: { user: 'quotafull' } },
        { packageRemoteRoot: { package: 'starter' } },
        { accountRemoteRoot: { user: 'meadow' } },
        { accountRemoteRoot: { user: 'juniper', options: { localUser: 'juniper2' } } },
        { accountRemoteRoot: { user: 'oddphp' } },
      ],
    });
    expect(response.errors).toBeUndefined();
    const payload = response.data?.enqueueTransferItems;
    expect(payload?.results.map((result) => result.queued)).toEqual([true, true, true, false, true, true]);
    // The repeated meadow is held back by the plan check (DUPLICATE_ITEM) instead of being refused by WHM.
    expect(payload?.userErrors).toEqual([expect.objectContaining({ field: ['items', '3'], code: 'PLAN_ISSUE' })]);
    expect(payload?.results[0]?.item?.size).toBeGreaterThan(1);
    // One batch of reads for the check (the analysis, which also gives the sizes, and the local names), then one
    // batch for the five items sent.
    const batches = gateway.simulator.requests.filter((request) => request.functionName === 'batch');
    expect(batches).toHaveLength(2);
    expect(gateway.simulator.stats().calls.enqueue_transfer_item).toBe(5);
    expect(gateway.simulator.requests.filter((request) => request.functionName === 'enqueue_transfer_item')).toHaveLength(0);
    const record = await gateway.registry.get('sim', sessionId);
    expect(record?.items.map((item) => item.name)).toEqual(['meadow', 'quotafull', 'starter', 'juniper', 'oddphp']);
  });

  it('lists queued items before the transfer starts', async () => {
    const response = await gateway.query<{ transferSession: { items: { name: string; state: string }[] } }>(
      'query($id: ID!) { transferSession(id: $id) { items { name state } } }',
      { id: sessionId },
    );
    expect(response.data?.transferSession.items).toHaveLength(5);
    expect(response.data?.transferSession.items.every((item) => item.state === 'TRANSFER_PENDING')).toBe(true);
  });

  it('runs to COMPLETED and reports the failed item that WHM’s state hides', async () => {
    const started = await gateway.query<{ startTransferSession: { session: { state: string }; userErrors: unknown[] } }>(
      'mutation($id: ID!) { startTransferSession(id: $id) { session { state } userErrors { message } } }',
      { id: sessionId },
    );
    expect(started.data?.startTransferSession.userErrors).toEqual([]);
    expect(await untilState(sessionId, ['COMPLETED'])).toBe('COMPLETED');
    const response = await gateway.query<{
      transferSession: {
        isFinished: boolean;
        progress: { percent: number; completed: boolean; queues: { queue: string; failedItems: number }[] };
        items: { module: string; name: string; localName: string; state: string; failure: string | null; warningCount: number }[];
        events: { action: string }[];
        log: { text: string; lineCount: number; truncated: boolean };
        errorLog: { text: string };
      };
    }>(
      `query($id: ID!) { transferSession(id: $id) {
        isFinished
        progress { percent completed queues { queue failedItems } }
        items { module name localName state failure warningCount }
        events(last: 1) { action }
        log(tailLines: 3) { text lineCount truncated }
        errorLog { text }
      } }`,
      { id: sessionId },
    );
    expect(response.errors).toBeUndefined();
    const session = response.data?.transferSession;
    expect(session?.isFinished).toBe(true);
    expect(session?.progress.percent).toBe(100);
    expect(session?.progress.completed).toBe(true);
    const byName = new Map(session?.items.map((item) => [item.name, item]));
    expect(byName.get('meadow')?.state).toBe('COMPLETED');
    expect(byName.get('juniper')?.localName).toBe('juniper2');
    expect(byName.get('quotafull')?.state).toBe('FAILED');
    expect(byName.get('quotafull')?.failure).toMatch(/not have enough free space/);
    expect(byName.get('oddphp')).toMatchObject({ state: 'COMPLETED', warningCount: 2 });
    expect(session?.events).toEqual([{ action: 'complete' }]);
    expect(session?.log).toMatchObject({ lineCount: 3, truncated: true });
    expect(session?.errorLog.text).toMatch(/quotafull/);
  });

  it('can be adopted by id only once it exists on WHM', async () => {
    const unknown = await gateway.query<{ registerTransferSession: { session: null; userErrors: { code: string }[] } }>(
      'mutation { registerTransferSession(id: "nosuchhostcopya20260101000000abcdef") { session { id } userErrors { code } } }',
    );
    expect(unknown.data?.registerTransferSession.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});

describe('steering sessions', () => {
  // Slower simulated time, so a pause or abort reliably lands while items are still running.
  let slow: TestGateway;
  beforeAll(async () => {
    slow = await startTestGateway({ simulator: { speedFactor: 40 }, sharedRegistry: gateway.registry });
  });
  afterAll(async () => {
    await slow.close();
  });
  const steer = <D>(query: string, variables?: Record<string, unknown>) => slow.query<D>(query, variables);
  const slowState = async (id: string) =>
    (await steer<{ transferSession: { state: string } }>('query($id: ID!) { transferSession(id: $id) { state } }', { id })).data
      ?.transferSession.state;
  const untilSlowState = (id: string, wanted: string[]) =>
    eventually(
      async () => {
        const state = await slowState(id);
        return state && wanted.includes(state) ? state : undefined;
      },
      30_000,
      50,
    );

  async function queuedSession(users: string[]): Promise<string> {
    const created = await steer<{ createRemoteRootTransferSession: { session: { id: string } } }>(CREATE, { threads: 1 });
    const id = created.data?.createRemoteRootTransferSession.session.id ?? '';
    const response = await steer<EnqueueData>(ENQUEUE, {
      id,
      items: users.map((user) => ({ accountRemoteRoot: { user } })),
    });
    expect(response.data?.enqueueTransferItems.userErrors).toEqual([]);
    return id;
  }

  it('pauses a running session and resumes it to completion', async () => {
    const id = await queuedSession(['mediavault', 'cloudly', 'siteforge', 'webnest']);
    await steer('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }', { id });
    const paused = await steer<{ pauseTransferSession: { session: { state: string }; userErrors: unknown[] } }>(
      'mutation($id: ID!) { pauseTransferSession(id: $id) { session { state } userErrors { message } } }',
      { id },
    );
    expect(paused.data?.pauseTransferSession.userErrors).toEqual([]);
    expect(['PAUSING', 'PAUSED']).toContain(paused.data?.pauseTransferSession.session.state);
    expect(await untilSlowState(id, ['PAUSED'])).toBe('PAUSED');
    const resumed = await steer<{ resumeTransferSession: { session: { state: string }; userErrors: unknown[] } }>(
      'mutation($id: ID!) { resumeTransferSession(id: $id) { session { state } userErrors { message } } }',
      { id },
    );
    expect(resumed.data?.resumeTransferSession.userErrors).toEqual([]);
    expect(await untilSlowState(id, ['COMPLETED'])).toBe('COMPLETED');
  });

  it('refuses to resume a session that is not paused, without touching it', async () => {
    const id = await queuedSession(['hostpro']);
    const response = await steer<{ resumeTransferSession: { userErrors: { code: string }[] } }>(
      'mutation($id: ID!) { resumeTransferSession(id: $id) { userErrors { code message } } }',
      { id },
    );
    expect(response.data?.resumeTransferSession.userErrors[0]?.code).toBe('INVALID_STATE');
    expect(await slowState(id)).toBe('PENDING');
  });

  it('aborts another session', async () => {
    // Accounts without a local namesake: the plan check holds back unrenamed conflicts such as granite.
    const id = await queuedSession(['sunrise', 'meadow', 'oddphp']);
    await steer('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }', { id });
    const aborted = await steer<{ abortTransferSession: { userErrors: unknown[] } }>(
      'mutation($id: ID!) { abortTransferSession(id: $id) { session { state } userErrors { message } } }',
      { id },
    );
    expect(aborted.data?.abortTransferSession.userErrors).toEqual([]);
    expect(await untilSlowState(id, ['ABORTED'])).toBe('ABORTED');
  });

  it('reports WHM refusals as userErrors', async () => {
    const response = await steer<{ startTransferSession: { session: null; userErrors: { code: string }[] } }>(
      'mutation { startTransferSession(id: "nosuchhostcopya20260101000000abcdef") { session { id } userErrors { code message } } }',
    );
    expect(response.data?.startTransferSession).toMatchObject({ session: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });
});

describe('restores', () => {
  it('restores from a cpmove archive as a RESTORE session', async () => {
    const archives = await gateway.query<{ cpmoveArchives: { fullPath: string }[] }>('{ cpmoveArchives { fullPath user } }');
    const path = archives.data?.cpmoveArchives[0]?.fullPath ?? '';
    const response = await gateway.query<{ restoreFromCpmove: { session: { id: string; kind: string } } }>(
      'mutation($path: String!) { restoreFromCpmove(input: { path: $path }) { session { id kind } userErrors { message } } }',
      { path },
    );
    const session = response.data?.restoreFromCpmove.session;
    expect(session?.kind).toBe('RESTORE');
    expect(await untilState(session?.id ?? '', ['COMPLETED', 'FAILED'])).toBe('COMPLETED');
  });

  it('restores a legacy backup and runs the restore queue', async () => {
    const dates = await gateway.query<{
      backupDates: { date: string; users: { username: string; status: string; statusName: string }[] }[];
    }>('{ backupDates { date users { username status statusName } } }');
    const point = dates.data?.backupDates[0];
    const [first, second] = point?.users.filter((user) => user.status === 'ACTIVE') ?? [];
    expect(first && second).toBeTruthy();
    expect(first).toMatchObject({ statusName: 'active' });

    const legacy = await gateway.query<{ restoreAccount: { session: { id: string } | null; userErrors: unknown[] } }>(
      'mutation($user: String!) { restoreAccount(input: { user: $user, type: DAILY, mail: true }) { session { id } userErrors { message } } }',
      { user: first?.username },
    );
    expect(legacy.data?.restoreAccount.userErrors).toEqual([]);
    expect(legacy.data?.restoreAccount.session?.id).toBeTruthy();

    const added = await gateway.query<{ addRestoreQueueTask: { queueId: string; queue: { pending: { user: string }[] } } }>(
      'mutation($user: String!, $point: String!) { addRestoreQueueTask(input: { user: $user, restorePoint: $point, mysql: true }) { queueId queue { pending { user } } userErrors { message } } }',
      { user: second?.username, point: point?.date },
    );
    expect(added.data?.addRestoreQueueTask.queueId).toBeTruthy();
    expect(added.data?.addRestoreQueueTask.queue.pending.map((job) => job.user)).toContain(second?.username);
    await gateway.query('mutation { activateRestoreQueue { userErrors { message } } }');
    const completed = await eventually(async () => {
      const queue = await gateway.query<{
        restoreQueue: {
          completed: {
            job: { user: string };
            result: string;
            resultCode: number | null;
            session: { id: string; state: string } | null;
          }[];
        };
      }>('{ restoreQueue { isActive completed { job { user } result resultCode session { id state } } } }');
      const jobs = queue.data?.restoreQueue.completed ?? [];
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(completed[0]?.job.user).toBe(second?.username);
    expect(completed[0]).toMatchObject({ result: 'SUCCEEDED', resultCode: 1 });
    expect(completed[0]?.session?.id).toBeTruthy();
  });

  it('deletes account archives and reports what WHM removed', async () => {
    const response = await gateway.query<{ deleteAccountArchives: { deleted: boolean; messages: string[] } }>(
      'mutation { deleteAccountArchives(user: "oldclient") { deleted messages warnings userErrors { message } } }',
    );
    expect(response.data?.deleteAccountArchives.deleted).toBe(true);
  });
});

describe('creating sessions, every way WHM allows', () => {
  const create = (input: string) =>
    gateway.query<{
      createRemoteRootTransferSession: { session: { id: string } | null; userErrors: { message: string; code: string }[] };
    }>(
      `mutation { createRemoteRootTransferSession(input: { host: "source.example.net", ${input} }) { session { id } userErrors { message code } } }`,
    );

  it.each([
    ['root with a password', 'credentials: { password: "remote-root-password" }'],
    [
      'root with an encrypted SSH key',
      'credentials: { sshKeyName: "id_transfer", sshKeyPassphrase: "simulator-key-passphrase" }',
    ],
    ['root with a plain SSH key', 'credentials: { sshKeyName: "id_plain" }'],
    [
      'another user escalating with sudo',
      'user: "admin", credentials: { password: "admin-ssh-password" }, escalation: { method: SUDO }',
    ],
    [
      'another user escalating with su',
      'user: "wheeluser", credentials: { password: "wheel-ssh-password" }, escalation: { method: SU, rootPassword: "remote-root-password" }',
    ],
  ])('%s', async (_label, input) => {
    const response = await create(input);
    expect(response.errors).toBeUndefined();
    expect(response.data?.createRemoteRootTransferSession.userErrors).toEqual([]);
    expect(response.data?.createRemoteRootTransferSession.session?.id).toMatch(/copya/);
  });

  it('wrong credentials are a userError from WHM, and no session is remembered', async () => {
    const before = await gateway.registry.count();
    const response = await create('credentials: { password: "not-it" }');
    expect(response.data?.createRemoteRootTransferSession.session).toBeNull();
    expect(response.data?.createRemoteRootTransferSession.userErrors[0]?.code).toBe('REMOTE_AUTH_REFUSED');
    expect(await gateway.registry.count()).toBe(before);
  });

  it('opens a user session and queues the account with its own module', async () => {
    const response = await gateway.query<{
      createRemoteUserTransferSession: { session: { id: string; kind: string; analysis: null } };
    }>(
      'mutation { createRemoteUserTransferSession(input: { host: "source.example.net", password: "remote-root-password" }) { session { id kind analysis { sessionId } } userErrors { message } } }',
    );
    const session = response.data?.createRemoteUserTransferSession.session;
    expect(session).toMatchObject({ kind: 'USER', analysis: null });
    const queued = await gateway.query<EnqueueData>(ENQUEUE, {
      id: session?.id,
      items: [{ accountRemoteUser: { user: 'root', options: { localUser: 'rootcopy' } } }],
    });
    expect(queued.data?.enqueueTransferItems.userErrors).toEqual([]);
  });

  it('re-runs the analysis of a root session', async () => {
    const id = await createSession();
    const response = await gateway.query<{
      analyzeTransferSession: { session: { analysis: { accounts: unknown[] } }; userErrors: unknown[] };
    }>(
      'mutation($id: ID!) { analyzeTransferSession(id: $id) { session { analysis { accounts { user } } } userErrors { message } } }',
      { id },
    );
    expect(response.data?.analyzeTransferSession.userErrors).toEqual([]);
    expect(response.data?.analyzeTransferSession.session.analysis.accounts.length).toBeGreaterThanOrEqual(200);
  });

  it('adopts a session created outside the gateway', async () => {
    const direct = await fetch(`${gateway.simulator.url}/json-api/create_remote_root_transfer_session`, {
      method: 'POST',
      headers: { authorization: 'whm root:SIMULATOR-ROOT-TOKEN-0123456789', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'api.version=1&host=source.example.net&user=root&password=remote-root-password',
    });
    const id = ((await direct.json()) as { data: { transfer_session_id: string } }).data.transfer_session_id;
    const adopted = await gateway.query<{
      registerTransferSession: { session: { id: string; adopted: boolean; kind: string; state: string } };
    }>('mutation($id: ID!) { registerTransferSession(id: $id) { session { id adopted kind state } userErrors { message } } }', {
      id,
    });
    expect(adopted.data?.registerTransferSession.session).toEqual({ id, adopted: true, kind: 'ROOT', state: 'PENDING' });
    const listed = await gateway.query<{ transferSessions: { nodes: { id: string }[] } }>(
      '{ transferSessions(first: 1) { nodes { id } } }',
    );
    expect(listed.data?.transferSessions.nodes[0]?.id).toBe(id);
  });
});
