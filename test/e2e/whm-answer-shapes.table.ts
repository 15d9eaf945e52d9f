// The table of test/e2e/whm-answer-shapes.test.ts: for each WHM function the catalogue exposes in
// GraphQL, one operation that makes the gateway call it, and what a success without `data` must give.
import { expect } from 'vitest';
import { demo } from '../../src/simulator/index.js';
import type { WhmFunctionName } from '../../src/whm/index.js';
import type { TestGateway } from '../helpers/gateway.js';

/** What the gateway owes the client when WHM answers success without `data` (noData, nullData). */
export type MissingData =
  /** The function returns no data, or data the gateway can do without: the operation succeeds. */
  | 'succeeds'
  /** A read whose data is required: WHM_PROTOCOL_ERROR on the field, naming the function. */
  | 'fieldError'
  /** A write WHM may have carried out: a WHM_PROTOCOL_ERROR userError saying WHM may have acted. */
  | 'userError';

/** What beforeAll prepared, with every quirk off. */
export interface Fixture {
  gateway: TestGateway;
  /** A PENDING root session (analysed, never started). */
  rootSessionId: string;
  /** A root session that ran to COMPLETED (it has a master.log). */
  finishedSessionId: string;
  /** Accounts of the demo source with no local namesake: enough to keep a session RUNNING a while. */
  transferableAccounts: string[];
  restorePoint: string;
  /** Accounts in that restore point not yet given to addRestoreQueueTask (each case takes one). */
  unqueuedRestoreUsers: string[];
  cpmovePath: string;
}

export interface ShapeCase {
  operation: string;
  variables?: (fixture: Fixture) => Record<string, unknown>;
  /** Runs before each case with every quirk off; what it returns joins the variables. */
  setup?: (fixture: Fixture) => Promise<Record<string, unknown>>;
  /** When the function's own answer has no data. */
  missingData: MissingData;
  /**
   * A read the operation must make first: when every answer lacks data, that read fails the field
   * (naming it) and the function is never called.
   */
  readsFirst?: WhmFunctionName;
  /** Checks the data of a case WHM answered in full (baseline and the quirks that keep `data`). */
  check?: (data: Record<string, unknown>) => void;
}

/** Runs an operation that must succeed (set-up steps), returning its data. */
export async function mustQuery<D = Record<string, unknown>>(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<D> {
  const response = await gateway.query<D>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as D;
}

export async function createRootSession(gateway: TestGateway): Promise<string> {
  const data = await mustQuery<{ createRemoteRootTransferSession: { session: { id: string } | null; userErrors: unknown[] } }>(
    gateway,
    `mutation($host: String!, $password: String!) {
      createRemoteRootTransferSession(input: { host: $host, credentials: { password: $password } }) { session { id } userErrors { message } }
    }`,
    { host: demo.DEMO_SOURCE_HOST, password: demo.DEMO_REMOTE_ROOT_PASSWORD },
  );
  expect(data.createRemoteRootTransferSession.userErrors).toEqual([]);
  return data.createRemoteRootTransferSession.session?.id ?? '';
}

export async function enqueue(gateway: TestGateway, id: string, items: object[]): Promise<void> {
  const data = await mustQuery<{ enqueueTransferItems: { userErrors: unknown[] } }>(
    gateway,
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { message } } }',
    { id, items },
  );
  expect(data.enqueueTransferItems.userErrors).toEqual([]);
}

export async function start(gateway: TestGateway, id: string): Promise<void> {
  const data = await mustQuery<{ startTransferSession: { userErrors: unknown[] } }>(
    gateway,
    'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }',
    { id },
  );
  expect(data.startTransferSession.userErrors).toEqual([]);
}

const STARTER_PACKAGE = { packageRemoteRoot: { package: 'starter' } };
const USER_ERRORS = 'userErrors { field message code }';
const SESSION_PAYLOAD = `session { id } ${USER_ERRORS} warnings`;
const CREATION_PAYLOAD = `session { id kind } ${USER_ERRORS} warnings output`;

const steering = (mutation: string) => `mutation($id: ID!) { ${mutation}(id: $id) { ${SESSION_PAYLOAD} } }`;
/** Steering checks WHM's state before it writes (REFERENCE §1.1): that read comes first. */
const STATE_FIRST = 'get_transfer_session_state';
const field = <T>(data: Record<string, unknown>, name: string) => data[name] as T;

export const SHAPE_CASES: Partial<Record<WhmFunctionName, ShapeCase>> = {
  available_transfer_modules: {
    operation: '{ transferModules { name priority } }',
    missingData: 'fieldError',
    check: (data) => {
      const modules = field<{ name: string; priority: number }[]>(data, 'transferModules');
      expect(modules.map((module) => module.name)).toContain('AccountRemoteRoot');
      expect(modules.every((module) => Number.isInteger(module.priority))).toBe(true);
    },
  },
  transfer_module_schema: {
    operation: '{ transferModuleSchema(module: "AccountRemoteRoot") { module keys { name required } required primary } }',
    missingData: 'fieldError',
    check: (data) => expect(field<{ primary: string[] }>(data, 'transferModuleSchema').primary).toEqual(['user']),
  },
  create_remote_root_transfer_session: {
    operation: `mutation($host: String!, $password: String!) {
      createRemoteRootTransferSession(input: { host: $host, credentials: { password: $password } }) { ${CREATION_PAYLOAD} }
    }`,
    variables: () => ({ host: demo.DEMO_SOURCE_HOST, password: demo.DEMO_REMOTE_ROOT_PASSWORD }),
    missingData: 'userError',
    check: (data) =>
      expect(field<{ session: unknown }>(data, 'createRemoteRootTransferSession').session).toMatchObject({ kind: 'ROOT' }),
  },
  create_remote_user_transfer_session: {
    operation: `mutation($host: String!, $password: String!) {
      createRemoteUserTransferSession(input: { host: $host, password: $password }) { ${CREATION_PAYLOAD} }
    }`,
    // The gateway calls WHM as root, which logs in to the source as root.
    variables: () => ({ host: demo.DEMO_SOURCE_HOST, password: demo.DEMO_REMOTE_ROOT_PASSWORD }),
    missingData: 'userError',
    check: (data) =>
      expect(field<{ session: unknown }>(data, 'createRemoteUserTransferSession').session).toMatchObject({ kind: 'USER' }),
  },
  analyze_transfer_session_remote: {
    operation: steering('analyzeTransferSession'),
    variables: (fixture) => ({ id: fixture.rootSessionId }),
    missingData: 'succeeds',
  },
  retrieve_transfer_session_remote_analysis: {
    operation: `query($id: ID!) { transferSession(id: $id) { id analysis {
      sessionId accounts { user bytesUsed filesUsed hasDedicatedIp } remote { version majorVersion resellers hasOwners }
      local { availableIps } modules { key warnings errors } databases { name } sharedMysqlServer
    } } }`,
    variables: (fixture) => ({ id: fixture.rootSessionId }),
    missingData: 'fieldError',
    check: (data) => {
      const accounts = field<{ analysis: { accounts: { bytesUsed: unknown }[] } }>(data, 'transferSession').analysis.accounts;
      expect(accounts.length).toBeGreaterThan(100);
      expect(accounts.every((account) => typeof account.bytesUsed === 'number')).toBe(true);
    },
  },
  validate_system_user: {
    operation: '{ validateSystemUser(username: "harbor") { username exists reserved validForNew validForTransfer } }',
    missingData: 'fieldError',
    check: (data) =>
      expect(data.validateSystemUser).toEqual({
        username: 'harbor',
        exists: true,
        reserved: false,
        validForNew: true,
        validForTransfer: true,
      }),
  },
  enqueue_transfer_item: {
    operation: `mutation($id: ID!) { enqueueTransferItems(sessionId: $id, items: [{ accountRemoteRoot: { user: "meadow" } }]) {
      results { queued alreadyQueued error { code message } } ${USER_ERRORS}
    } }`,
    variables: (fixture) => ({ id: fixture.rootSessionId }),
    missingData: 'succeeds',
    // The first case queues it, every later one finds it queued: both are success.
    check: (data) =>
      expect(field<{ results: unknown[] }>(data, 'enqueueTransferItems').results).toEqual([
        expect.objectContaining({ queued: true }),
      ]),
  },
  start_transfer_session: {
    operation: steering('startTransferSession'),
    setup: async ({ gateway }) => {
      const id = await createRootSession(gateway);
      await enqueue(gateway, id, [STARTER_PACKAGE]);
      return { id };
    },
    // start_transfer_session's pid, pause and abort's (absent) data: the gateway needs none of it.
    missingData: 'succeeds',
    readsFirst: STATE_FIRST,
  },
  pause_transfer_session: {
    operation: steering('pauseTransferSession'),
    setup: async ({ gateway, transferableAccounts }) => {
      const id = await createRootSession(gateway);
      // Accounts take 20+ simulated seconds each: still RUNNING when the pause comes.
      await enqueue(
        gateway,
        id,
        transferableAccounts.map((user) => ({ accountRemoteRoot: { user } })),
      );
      await start(gateway, id);
      return { id };
    },
    missingData: 'succeeds',
    readsFirst: STATE_FIRST,
  },
  abort_transfer_session: {
    operation: steering('abortTransferSession'),
    setup: async ({ gateway }) => ({ id: await createRootSession(gateway) }),
    missingData: 'succeeds',
    readsFirst: STATE_FIRST,
  },
  get_transfer_session_state: {
    operation: 'query($id: ID!) { transferSession(id: $id) { id state stateName isFinished } }',
    variables: (fixture) => ({ id: fixture.finishedSessionId }),
    missingData: 'fieldError',
    check: (data) => expect(data.transferSession).toMatchObject({ state: 'COMPLETED', stateName: 'COMPLETED', isFinished: true }),
  },
  fetch_transfer_session_log: {
    operation:
      'query($id: ID!) { transferSession(id: $id) { id items { name state } events(last: 1) { action } progress { percent completed } } }',
    variables: (fixture) => ({ id: fixture.finishedSessionId }),
    missingData: 'fieldError',
    check: (data) =>
      expect(data.transferSession).toMatchObject({
        items: [{ name: 'starter', state: 'COMPLETED' }],
        events: [{ action: 'complete' }],
        progress: { percent: 100, completed: true },
      }),
  },
  delete_account_archives: {
    // No archives of this user: WHM succeeds with a warning, every time.
    operation: `mutation { deleteAccountArchives(user: "ghost") { deleted messages warnings ${USER_ERRORS} } }`,
    missingData: 'succeeds',
    check: (data) => {
      const payload = field<{ deleted: boolean; warnings: string[] }>(data, 'deleteAccountArchives');
      expect(payload.deleted).toBe(true);
      expect(payload.warnings).toEqual([expect.stringMatching(/^No archives for the user “ghost”/)]);
    },
  },
  restore_modules_summary: {
    operation: '{ restoreModules { name summary restrictedAvailable restrictedSummary notes } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'restoreModules').length).toBeGreaterThan(0),
  },
  restoreaccount: {
    operation: `mutation { restoreAccount(input: { user: "northwind", type: DAILY, mail: true }) { session { id kind } ${USER_ERRORS} warnings } }`,
    // Servers that follow the spec restore synchronously and send no data (REFERENCE §2.16).
    missingData: 'succeeds',
    check: (data) => expect(field<{ session: unknown }>(data, 'restoreAccount').session).toMatchObject({ kind: 'RESTORE' }),
  },
  start_local_cpmove_restore: {
    operation: `mutation($path: String!) { restoreFromCpmove(input: { path: $path, overwrite: true }) { session { id kind } ${USER_ERRORS} warnings } }`,
    variables: (fixture) => ({ path: fixture.cpmovePath }),
    missingData: 'userError',
    check: (data) => expect(field<{ session: unknown }>(data, 'restoreFromCpmove').session).toMatchObject({ kind: 'RESTORE' }),
  },
  restore_queue_add_task: {
    operation: `mutation($user: String!, $point: String!) { addRestoreQueueTask(input: { user: $user, restorePoint: $point }) { queueId ${USER_ERRORS} } }`,
    // WHM refuses a second pending task for an account: each case queues another.
    setup: async (fixture) => ({ user: fixture.unqueuedRestoreUsers.shift(), point: fixture.restorePoint }),
    missingData: 'userError',
    check: (data) => expect(field<{ queueId: unknown }>(data, 'addRestoreQueueTask').queueId).toEqual(expect.any(String)),
  },
  restore_queue_activate: {
    operation: `mutation { activateRestoreQueue { queueId ${USER_ERRORS} } }`,
    missingData: 'succeeds',
  },
  restore_queue_state: {
    operation: '{ restoreQueue { isActive pending { user restorePoint destination giveIp mysql } active { user } } }',
    missingData: 'fieldError',
    check: (data) => expect(field<{ isActive: unknown }>(data, 'restoreQueue').isActive).toEqual(expect.any(Boolean)),
  },
  restore_queue_list_completed: {
    operation:
      '{ restoreQueue { completed { result resultCode startedAt finishedAt statusMessage warnings job { user giveIp } } } }',
    missingData: 'fieldError',
    check: (data) => expect(field<{ completed: unknown }>(data, 'restoreQueue').completed).toEqual(expect.any(Array)),
  },
  list_cparchive_files: {
    operation: '{ cpmoveArchives { file path fullPath user } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'cpmoveArchives').length).toBeGreaterThan(0),
  },
  backup_date_list: {
    operation: '{ backupDates { date } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'backupDates').length).toBeGreaterThan(0),
  },
  backup_user_list: {
    // Restore points come from backup_date_list: there is no other way to reach their users.
    operation: '{ backupDates { date users { username status statusName } } }',
    missingData: 'fieldError',
    readsFirst: 'backup_date_list',
    check: (data) => {
      const users = field<{ users: { status: string }[] }[]>(data, 'backupDates').flatMap((point) => point.users);
      expect(users.length).toBeGreaterThan(0);
      expect(users.filter((user) => user.status === 'UNKNOWN')).toEqual([]);
    },
  },
};
