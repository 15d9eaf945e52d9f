// The transfer half of the whm-answer-shapes table: sessions, their items and logs, the checks
// enqueue makes first, and the credential check.
import { expect } from 'vitest';
import { demo } from '../../src/simulator/index.js';
import {
  accountsWithoutLocalNamesake,
  createRootSession,
  enqueue,
  field,
  mustQuery,
  start,
  USER_ERRORS,
  type ShapeCases,
} from './whm-answer-shapes.support.js';

const STARTER_PACKAGE = { packageRemoteRoot: { package: 'starter' } };
const SESSION_PAYLOAD = `session { id } ${USER_ERRORS} warnings`;
const CREATION_PAYLOAD = `session { id kind } ${USER_ERRORS} warnings output`;
/** Enough accounts of 20+ simulated seconds each to keep a session RUNNING a while. */
const ACCOUNTS_TO_KEEP_RUNNING = 30;

const steering = (mutation: string) => `mutation($id: ID!) { ${mutation}(id: $id) { ${SESSION_PAYLOAD} } }`;
/** Steering checks WHM's state before it writes (REFERENCE §1.1): that read comes first. */
const STATE_FIRST = 'get_transfer_session_state';

// enqueueTransferItems reads the analysis, validate_system_user and verify_new_username_for_restore
// in ONE WHM batch (plan-checks.ts), and a failed check is a CHECK_FAILED issue that blocks nothing:
// none of these reads comes first in the readsFirst sense, and the enqueue goes on without their data.
const ENQUEUE_RESULTS = `results { queued alreadyQueued blocked issues { code message } error { code message } } ${USER_ERRORS}`;
interface EnqueueResult {
  queued: boolean;
  blocked: boolean;
  issues: { code: string; message: string }[];
}
const onlyResult = (data: Record<string, unknown>) =>
  field<{ results: EnqueueResult[] }>(data, 'enqueueTransferItems').results[0];

/** Without data the item still goes (a failed check blocks nothing), and its issues name the checks that did not run. */
function checksThatDidNotRun(data: Record<string, unknown>) {
  const result = onlyResult(data);
  expect(result).toMatchObject({ queued: true, blocked: false });
  expect(result?.issues).toEqual([
    {
      code: 'CHECK_FAILED',
      message: expect.stringMatching(/^WHM could not give the session's analysis.*remote_analysis .*without data/),
    },
    {
      code: 'CHECK_FAILED',
      message: expect.stringMatching(/^WHM could not check the local name .*validate_system_user .*without data/),
    },
  ]);
  for (const found of result?.issues ?? []) expect(found.message).not.toMatch(/\.\.$/);
}

export const TRANSFER_CASES: ShapeCases = {
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
  remote_basic_credential_check: {
    operation: `mutation($input: CheckRemoteCredentialsInput!) {
      checkRemoteCredentials(input: $input) { ok loginWorks rootAccess escalationMethodUsed whmReason output ${USER_ERRORS} }
    }`,
    variables: () => ({
      input: {
        host: demo.DEMO_SOURCE_HOST,
        user: demo.DEMO_SUDO_USER,
        credentials: { password: demo.DEMO_SUDO_PASSWORD },
        escalation: { method: 'SUDO' },
      },
    }),
    // result 1 is the verdict; the output and the escalation used only tell more.
    missingData: 'succeeds',
    check: (data) =>
      expect(data.checkRemoteCredentials).toEqual({
        ok: true,
        loginWorks: true,
        rootAccess: true,
        escalationMethodUsed: 'SUDO',
        whmReason: null,
        output: expect.stringContaining('Done'),
        userErrors: [],
      }),
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
      ${ENQUEUE_RESULTS}
    } }`,
    variables: (fixture) => ({ id: fixture.rootSessionId }),
    missingData: 'succeeds',
    // The first case queues it, every later one finds it queued: both are success. No local namesake: no issue.
    check: (data) =>
      expect(field<{ results: unknown[] }>(data, 'enqueueTransferItems').results).toEqual([
        expect.objectContaining({ queued: true, blocked: false, issues: [], error: null }),
      ]),
    checkWithoutData: checksThatDidNotRun,
  },
  verify_new_username_for_restore: {
    // An account that exists here, renamed: the new local name is what WHM verifies.
    operation: `mutation($id: ID!, $user: String!, $localUser: String!) {
      enqueueTransferItems(sessionId: $id, items: [{ accountRemoteRoot: { user: $user, options: { localUser: $localUser } } }]) {
        ${ENQUEUE_RESULTS}
      }
    }`,
    variables: (fixture) => ({ id: fixture.rootSessionId, user: demo.DEMO_PLAN_CASES.conflicting, localUser: 'granitenew' }),
    missingData: 'succeeds',
    check: (data) => {
      const result = onlyResult(data);
      expect(result).toMatchObject({ queued: true, blocked: false, error: null });
      // Its database and database user exist here too (warnings); the new name itself raises nothing.
      expect(result?.issues.map((found) => found.code)).toEqual(['DATABASE_CONFLICT', 'DATABASE_CONFLICT']);
    },
    // verify_new_username_for_restore sends no data: only the other two checks miss theirs.
    checkWithoutData: checksThatDidNotRun,
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
    setup: async ({ gateway }) => {
      const id = await createRootSession(gateway);
      const accounts = (await accountsWithoutLocalNamesake(gateway, id)).slice(0, ACCOUNTS_TO_KEEP_RUNNING);
      expect(accounts).toHaveLength(ACCOUNTS_TO_KEEP_RUNNING);
      // Accounts take 20+ simulated seconds each: still RUNNING when the pause comes.
      await enqueue(
        gateway,
        id,
        accounts.map((user) => ({ accountRemoteRoot: { user } })),
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
    // The gateway keeps a finished session's log once read after its final state; a write to the
    // session (analyze) drops that, so each case reads the log from WHM.
    setup: async ({ gateway, finishedSessionId }) => {
      await mustQuery(gateway, 'mutation($id: ID!) { analyzeTransferSession(id: $id) { session { id } } }', {
        id: finishedSessionId,
      });
      return {};
    },
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
};
