// "Test the table" (issue 8 §1): every WHM function the catalogue exposes in GraphQL, called through
// a real gateway under each envelope quirk real servers show. The gateway must never crash on a
// shape (INTERNAL_SERVER_ERROR), must name the function when WHM leaves out data it needs, and must
// say WHM may have acted when a write's answer is incomplete. The operations are in the .table.ts file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, type Quirks, type ReceivedRequest } from '../../src/simulator/index.js';
import { WHM_FUNCTION_NAMES, WHM_FUNCTIONS, type WhmFunctionName } from '../../src/whm/index.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';
import {
  createRootSession,
  enqueue,
  mustQuery,
  SHAPE_CASES,
  start,
  type Fixture,
  type ShapeCase,
} from './whm-answer-shapes.table.js';

type Quirk = keyof Quirks;
const QUIRKS: readonly Quirk[] = ['noData', 'nullData', 'stringNumbers', 'stringResult', 'dataReason', 'warningsAsString'];
const VARIANTS: readonly (Quirk | 'baseline')[] = ['baseline', ...QUIRKS];
const MISSING_DATA: readonly Quirk[] = ['noData', 'nullData'];

const EXPOSED = WHM_FUNCTION_NAMES.filter((fn) => WHM_FUNCTIONS[fn].graphql !== undefined);

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}
type ErrorEntry = NonNullable<GraphQLResponse['errors']>[number];

let gateway: TestGateway;
let fixture: Fixture;

beforeAll(async () => {
  // Fast enough that a session finishes in moments, slow enough that one with many accounts keeps running.
  gateway = await startTestGateway({ simulator: { speedFactor: 200 } });
  const rootSessionId = await createRootSession(gateway);
  const finishedSessionId = await createRootSession(gateway);
  await enqueue(gateway, finishedSessionId, [{ packageRemoteRoot: { package: 'starter' } }]);
  await start(gateway, finishedSessionId);
  await eventually(async () => {
    const data = await mustQuery<{ transferSession: { state: string } }>(
      gateway,
      'query($id: ID!) { transferSession(id: $id) { state } }',
      {
        id: finishedSessionId,
      },
    );
    return data.transferSession.state === 'COMPLETED' ? true : undefined;
  }, 20_000);
  const { backupDates } = await mustQuery<{ backupDates: { date: string; users: { username: string; status: string }[] }[] }>(
    gateway,
    '{ backupDates { date users { username status } } }',
  );
  // backup_user_list also lists local accounts the point holds no backup of.
  const backedUp = backupDates.map(({ date, users }) => ({ date, users: users.filter((user) => user.status !== 'NO_BACKUP') }));
  const [point] = backedUp.sort((a, b) => b.users.length - a.users.length);
  const { cpmoveArchives } = await mustQuery<{ cpmoveArchives: { fullPath: string }[] }>(
    gateway,
    '{ cpmoveArchives { fullPath } }',
  );
  fixture = {
    gateway,
    rootSessionId,
    finishedSessionId,
    restorePoint: point?.date ?? '',
    unqueuedRestoreUsers: (point?.users ?? []).map((user) => user.username),
    restoreQueueUser: point?.users[0]?.username ?? '',
    cpmovePath: cpmoveArchives[0]?.fullPath ?? '',
  };
  // A user for each quirk case and the failure case of addRestoreQueueTask.
  expect(fixture.unqueuedRestoreUsers.length).toBeGreaterThanOrEqual(VARIANTS.length + 1);
}, 60_000);

afterAll(async () => {
  await gateway.close();
});

afterEach(() => {
  gateway.simulator.setQuirks(DEFAULT_QUIRKS);
  gateway.simulator.setFault('*', null);
});

interface CaseOutcome {
  variables: Record<string, unknown>;
  response: GraphQLResponse;
  calls: Record<string, number>;
  errors: ErrorEntry[];
  userErrors: UserError[];
}

/** Set-up with every quirk off, then the operation under the quirks; WHM calls counted for the operation only. */
async function runCase(shape: ShapeCase, quirks: Partial<Quirks>, prepare: () => void = () => undefined): Promise<CaseOutcome> {
  const variables = { ...shape.variables?.(fixture), ...(await shape.setup?.(fixture)) };
  gateway.simulator.setQuirks(quirks);
  prepare();
  gateway.simulator.resetStats();
  return outcomeOf(shape, variables, await gateway.query(shape.operation, variables));
}

function outcomeOf(shape: ShapeCase, variables: Record<string, unknown>, response: GraphQLResponse): CaseOutcome {
  const { calls } = gateway.simulator.stats();
  const payload = isMutation(shape) ? (Object.values(response.data ?? {})[0] as { userErrors?: UserError[] } | null) : null;
  return { variables, response, calls, errors: response.errors ?? [], userErrors: payload?.userErrors ?? [] };
}

const isMutation = (shape: ShapeCase) => /^\s*mutation\b/.test(shape.operation);

/** Whatever WHM sent, the gateway answered: HTTP 200, and no error of its own making. */
function expectNoCrash(response: GraphQLResponse, errors: ErrorEntry[]) {
  expect(response.status).toBe(200);
  for (const error of errors) {
    expect(error.extensions?.code, error.message).toEqual(expect.any(String));
    expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(/Cannot read propert|is not a function|is not iterable|Cannot return null/);
  }
}

function shapeOf(fn: WhmFunctionName): ShapeCase {
  const shape = SHAPE_CASES[fn];
  expect(shape, `${fn} has GraphQL fields but no operation in whm-answer-shapes.table.ts`).toBeDefined();
  return shape as ShapeCase;
}

describe('the table', () => {
  it('has an operation for every catalogue function with GraphQL fields, and none for others', () => {
    expect(EXPOSED.filter((fn) => SHAPE_CASES[fn] === undefined)).toEqual([]);
    expect(Object.keys(SHAPE_CASES).filter((fn) => !EXPOSED.includes(fn as WhmFunctionName))).toEqual([]);
  });
});

/** The outcome a success without `data` from the function itself must give. */
function expectMissingDataOutcome(fn: WhmFunctionName, shape: ShapeCase, outcome: CaseOutcome) {
  const { errors, userErrors, calls } = outcome;
  expect(calls[fn]).toBeGreaterThanOrEqual(1);
  if (shape.missingData === 'fieldError') {
    expectReadFailed(errors, fn);
    return;
  }
  expect(errors, JSON.stringify(errors)).toEqual([]);
  if (shape.missingData === 'succeeds') expect(userErrors).toEqual([]);
  else {
    expect(userErrors).toEqual([
      { field: null, code: 'WHM_PROTOCOL_ERROR', message: expect.stringMatching(/WHM may have acted/) },
    ]);
    expect(userErrors[0]?.message).toContain(`WHM ${fn} `);
  }
}

/** WHM_PROTOCOL_ERROR on the fields that needed the read, naming it; a read changed nothing on WHM. */
function expectReadFailed(errors: ErrorEntry[], reader: WhmFunctionName) {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions).toMatchObject({ code: 'WHM_PROTOCOL_ERROR', whmFunction: reader, whmMayHaveActed: false });
    expect(error.path?.length).toBeGreaterThan(0);
  }
}

describe.each(EXPOSED)('%s', (fn) => {
  it.each(VARIANTS)('under %s', async (variant) => {
    const shape = shapeOf(fn);
    const outcome = await runCase(shape, variant === 'baseline' ? {} : { [variant]: true });
    const { variables, response, calls, errors, userErrors } = outcome;
    expectNoCrash(response, errors);
    if (!MISSING_DATA.includes(variant as Quirk)) {
      expect(errors, JSON.stringify(errors)).toEqual([]);
      expect(userErrors).toEqual([]);
      expect(calls[fn]).toBeGreaterThanOrEqual(1);
      shape.check?.(response.data ?? {}, { fixture, variables });
    } else if (shape.readsFirst) {
      expectReadFailed(errors, shape.readsFirst);
      // Without what it had to read first, the gateway does not go on to guess.
      expect(calls[fn]).toBeUndefined();
    } else {
      expectMissingDataOutcome(fn, shape, outcome);
      shape.checkWithoutData?.(response.data ?? {});
    }
  });

  it('under dataReason, a WHM failure still carries WHM’s reason', async () => {
    const shape = shapeOf(fn);
    const reason = `The simulated ${fn} failed.`;
    const { response, calls, errors, userErrors } = await runCase(shape, { dataReason: true }, () => {
      // Also `batch`: reads of one tier, and enqueued items, reach WHM inside one.
      for (const target of [fn, 'batch']) gateway.simulator.setFault(target, { kind: 'api-failure', reason });
    });
    expectNoCrash(response, errors);
    expect(calls[fn] ?? calls.batch).toBeGreaterThanOrEqual(1);
    if (isMutation(shape)) {
      expect(errors, JSON.stringify(errors)).toEqual([]);
      expect(userErrors).toContainEqual(expect.objectContaining({ code: 'WHM_API_ERROR', message: reason }));
    } else {
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors)
        expect(error.extensions).toMatchObject({ code: 'WHM_API_ERROR', whmFunction: fn, whmReason: reason });
    }
  });
});

// The simulator's quirks reach every answer, so under them an operation that must read first never
// gets to its function. Here the function's own answer is held back (a latency fault) until the
// reads before it are done, and the quirk is switched on while it waits.
const HELD_BACK_MS = 500;
const READ_FIRST = EXPOSED.filter((fn) => SHAPE_CASES[fn]?.readsFirst !== undefined);

/** The recorded answer had no data for the call(s) it carried (each sub-result of a batch). */
function answeredWithoutData(request: ReceivedRequest): boolean {
  const body = JSON.parse(request.response?.body ?? '{}') as { data?: { result?: { data?: unknown }[] } | null };
  if (request.functionName !== 'batch') return body.data === undefined || body.data === null;
  const results = body.data?.result ?? [];
  return results.length > 0 && results.every((result) => result.data === undefined || result.data === null);
}

describe.each(READ_FIRST)('%s, its own answer without data', (fn) => {
  it.each(MISSING_DATA)('under %s', async (quirk) => {
    const shape = shapeOf(fn);
    const variables = { ...shape.variables?.(fixture), ...(await shape.setup?.(fixture)) };
    // Inside a batch when a tier of fields asks at once (backup_user_list of each restore point).
    const carriers = [fn, 'batch'];
    for (const carrier of carriers) gateway.simulator.setFault(carrier, { kind: 'latency', ms: HELD_BACK_MS });
    gateway.simulator.resetStats();
    const pending = gateway.query(shape.operation, variables);
    const held = await eventually(
      async () => gateway.simulator.requests.find((request) => carriers.includes(request.functionName)),
      10_000,
      2,
    );
    gateway.simulator.setQuirks({ [quirk]: true });
    const outcome = outcomeOf(shape, variables, await pending);
    expect(answeredWithoutData(held), held.response?.body).toBe(true);
    expectNoCrash(outcome.response, outcome.errors);
    expectMissingDataOutcome(fn, shape, outcome);
  });
});

describe('natural WHM failures under dataReason', () => {
  const UNKNOWN_ID = 'nosuchhostcopya20260101000000abcdef';

  it('an unknown session is recognised as unknown', async () => {
    gateway.simulator.setQuirks({ dataReason: true });
    const read = await gateway.query('query($id: ID!) { transferSession(id: $id) { state } }', { id: UNKNOWN_ID });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ transferSession: null });
    const paused = await gateway.query<{ pauseTransferSession: { userErrors: UserError[] } }>(
      'mutation($id: ID!) { pauseTransferSession(id: $id) { userErrors { code } } }',
      { id: UNKNOWN_ID },
    );
    expect(paused.data?.pauseTransferSession.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('an item refused inside a batch carries WHM’s reason', async () => {
    gateway.simulator.setQuirks({ dataReason: true });
    const response = await gateway.query<{ enqueueTransferItems: { userErrors: UserError[] } }>(
      'mutation($id: ID!) { enqueueTransferItems(sessionId: $id, items: [{ packageRemoteRoot: { package: "starter" } }]) { userErrors { field message code } } }',
      { id: UNKNOWN_ID },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.enqueueTransferItems.userErrors).toEqual([
      { field: ['items', '0'], code: 'NOT_FOUND', message: expect.stringMatching(/session ID .* does not exist/) },
    ]);
  });

  it('a refused restore task carries WHM’s reason', async () => {
    gateway.simulator.setQuirks({ dataReason: true });
    const response = await gateway.query<{ addRestoreQueueTask: { userErrors: UserError[] } }>(
      'mutation($point: String!) { addRestoreQueueTask(input: { user: "nobackup", restorePoint: $point }) { userErrors { message code } } }',
      { point: fixture.restorePoint },
    );
    expect(response.data?.addRestoreQueueTask.userErrors).toEqual([
      { code: 'WHM_API_ERROR', message: expect.stringMatching(/could not find a backup of “nobackup”/) },
    ]);
  });

  it('master.log of a session not started yet still reads as empty', async () => {
    const id = await createRootSession(gateway);
    await enqueue(gateway, id, [{ packageRemoteRoot: { package: 'starter' } }]);
    gateway.simulator.setQuirks({ dataReason: true });
    const response = await gateway.query(
      'query($id: ID!) { transferSession(id: $id) { items { name state } progress { percent } } }',
      { id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      transferSession: { items: [{ name: 'starter', state: 'TRANSFER_PENDING' }], progress: { percent: 0 } },
    });
  });
});
