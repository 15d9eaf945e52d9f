// The restore queue over HTTP against the simulator: every restore_queue_* function reachable from
// GraphQL, the reads in one WHM batch, the clearing mutations (ADMIN) and WHM's refusals as userErrors.
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
beforeEach(() => gateway.simulator.resetStats());

const POINT = '2026-11-27T00:00:00.000Z';

interface Job {
  user: string;
  restorePoint: string;
  destination: string | null;
  mysql: boolean;
}
interface Completed {
  job: { user: string };
  result: string;
  startedAt: string;
}
interface Queue {
  isActive: boolean;
  pending: Job[];
  active: Job[];
  completed: Completed[];
}
interface QueuePayload {
  queue: Queue;
  userErrors: { field: string[] | null; code: string; message: string }[];
}

const QUEUE_FIELDS =
  'isActive pending { user restorePoint destination mysql } active { user } completed { job { user } result startedAt }';

async function readQueue(): Promise<Queue> {
  const response = await gateway.query<{ restoreQueue: Queue }>(`{ restoreQueue { ${QUEUE_FIELDS} } }`);
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.restoreQueue;
}

async function mutate(name: string, args: string, variables: Record<string, unknown> = {}, declared = ''): Promise<QueuePayload> {
  const response = await gateway.query<Record<string, QueuePayload>>(
    `mutation${declared} { ${name}${args} { queue { ${QUEUE_FIELDS} } userErrors { field code message } } }`,
    variables,
  );
  expect(response.errors).toBeUndefined();
  const payload = response.data?.[name];
  if (!payload) throw new Error(`no ${name} payload`);
  return payload;
}

const addTask = (user: string, destination?: string) =>
  mutate(
    'addRestoreQueueTask',
    '(input: { user: $user, restorePoint: $point, destination: $destination, mysql: true })',
    { user, point: POINT, destination: destination ?? null },
    '($user: String!, $point: String!, $destination: String)',
  );

describe('reading the restore queue', () => {
  it('reads activity, pending, active and completed tasks with four WHM functions in ONE request', async () => {
    const queue = await readQueue();
    expect(queue).toEqual({ isActive: false, pending: [], active: [], completed: [] });
    const { totalRequests, calls } = gateway.simulator.stats();
    expect(totalRequests).toBe(1);
    expect(calls).toMatchObject({
      batch: 1,
      restore_queue_is_active: 1,
      restore_queue_list_pending: 1,
      restore_queue_list_active: 1,
      restore_queue_list_completed: 1,
    });
    expect(calls.restore_queue_state).toBeUndefined();
  });

  it('lists pending tasks with their destination, which only the list functions give', async () => {
    expect((await addTask('northwind', 'remotedest01')).userErrors).toEqual([]);
    const added = await addTask('clearview');
    expect(added.userErrors).toEqual([]);
    expect(added.queue.pending).toEqual([
      { user: 'northwind', restorePoint: POINT, destination: 'remotedest01', mysql: true },
      { user: 'clearview', restorePoint: POINT, destination: 'local', mysql: true },
    ]);
  });
});

describe('clearing the restore queue', () => {
  it('removes one pending task by its account, and refuses an account with none as a userError', async () => {
    const cleared = await mutate('clearPendingRestoreTask', '(user: "northwind")');
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.queue.pending.map((job) => job.user)).toEqual(['clearview']);
    expect(gateway.simulator.stats().calls.restore_queue_clear_pending_task).toBe(1);

    const refused = await mutate('clearPendingRestoreTask', '(user: "northwind")');
    expect(refused.userErrors).toEqual([
      { field: ['user'], code: 'WHM_API_ERROR', message: expect.stringMatching(/no pending task for “northwind”/) },
    ]);
    expect(refused.queue.pending.map((job) => job.user)).toEqual(['clearview']);
  });

  it('refuses a malformed account name before calling WHM', async () => {
    const response = await gateway.query('mutation { clearPendingRestoreTask(user: "not a user!") { userErrors { code } } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['user'] });
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });

  it('clears all pending tasks', async () => {
    await addTask('pinecrest');
    const cleared = await mutate('clearRestoreQueue', '(tasks: PENDING)');
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.queue.pending).toEqual([]);
    expect(gateway.simulator.stats().calls.restore_queue_clear_all_pending_tasks).toBe(1);
  });

  it('runs tasks, then removes a finished one by account and start time, and the rest by set', async () => {
    for (const user of ['bayside', 'riverbend', 'summitco']) expect((await addTask(user)).userErrors).toEqual([]);
    expect((await mutate('activateRestoreQueue', '')).userErrors).toEqual([]);
    const done = await eventually(async () => {
      const queue = await readQueue();
      return queue.completed.length === 3 && !queue.isActive ? queue.completed : undefined;
    }, 20_000);
    expect(done.every((task) => task.result === 'SUCCEEDED')).toBe(true);
    const bayside = done.find((task) => task.job.user === 'bayside');

    const wrongTime = await mutate('clearCompletedRestoreTask', '(user: "bayside", startedAt: "2000-01-01T00:00:00.000Z")');
    expect(wrongTime.userErrors[0]?.code).toBe('WHM_API_ERROR');
    expect(wrongTime.queue.completed).toHaveLength(3);

    const cleared = await mutate(
      'clearCompletedRestoreTask',
      '(user: "bayside", startedAt: $at)',
      { at: bayside?.startedAt },
      '($at: DateTime!)',
    );
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.queue.completed.map((task) => task.job.user).sort()).toEqual(['riverbend', 'summitco']);

    // None failed: clearing the failed ones keeps the rest.
    const failedOnly = await mutate('clearRestoreQueue', '(tasks: FAILED)');
    expect(failedOnly.queue.completed).toHaveLength(2);
    const completed = await mutate('clearRestoreQueue', '(tasks: COMPLETED)');
    expect(completed.queue.completed).toEqual([]);
    const { calls } = gateway.simulator.stats();
    expect(calls.restore_queue_clear_completed_task).toBe(2);
    expect(calls.restore_queue_clear_all_failed_tasks).toBe(1);
    expect(calls.restore_queue_clear_all_completed_tasks).toBe(1);
  });

  it('clears every task at once', async () => {
    await addTask('northwind');
    const cleared = await mutate('clearRestoreQueue', '(tasks: ALL)');
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.queue).toMatchObject({ pending: [], completed: [] });
    expect(gateway.simulator.stats().calls.restore_queue_clear_all_tasks).toBe(1);
  });
});
