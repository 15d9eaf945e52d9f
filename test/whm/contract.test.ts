// Contract with cPanel's published specs (read from ../shared/whm-api, skipped when absent):
// every request the client builds uses the spec's parameter names, required parameters and enum
// values, and every simulator response matches the spec's response schema — except where
// REFERENCE.md documents that real servers differ ([DIFF]); those exceptions are listed below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRequest, RunningSimulator } from '../../src/simulator/index.js';
import { WHM_FUNCTION_NAMES, type WhmClient } from '../../src/whm/index.js';
import {
  formValueProblems,
  loadOperations,
  responseProblems,
  SPEC_DIR,
  SPECS_PRESENT,
  type OperationSpec,
  type ParamSpec,
} from '../helpers/openapi.js';
import { clientFor, eventually, startTestSimulator } from '../helpers/whm.js';

if (!SPECS_PRESENT) {
  console.warn(`Contract tests skipped: cPanel's OpenAPI specs were not found in ${SPEC_DIR}.`);
}

/** Response fields where real servers knowingly differ from the spec (REFERENCE.md section given). */
const DOCUMENTED_RESPONSE_DIFFS: { command: string; path: RegExp; why: string }[] = [
  {
    command: 'get_transfer_session_state',
    path: /^\/data\/state_name$/,
    why: '§1.1: real session states include PAUSING, ABORTING, REACHEDMAXMEM, absent from the spec enum',
  },
  {
    command: 'retrieve_transfer_session_remote_analysis',
    path: /^\/data\/remote\/host$/,
    why: '§2.7: remote.host is "the host/IP you gave"; the spec types it as an IPv4 address only',
  },
  {
    command: 'restore_queue_',
    path: /^\/metadata\/result$/,
    why: '§2.19 / quirk 12: restore-queue metadata is copied from text output, so result is a string',
  },
];

/** Request values the spec's enums wrongly refuse (REFERENCE.md section given). */
const DOCUMENTED_REQUEST_DIFFS: { command: string; param: string; why: string }[] = [
  {
    command: 'transfer_module_schema',
    param: 'module',
    why: '§2.2: the enum spells FeaturesListRemoteRoot (a typo) and omits modules real servers list; any available module is accepted',
  },
];

function isDocumentedRequestDiff(command: string, param: string): boolean {
  return DOCUMENTED_REQUEST_DIFFS.some((diff) => diff.command === command && diff.param === param);
}

function isDocumentedDiff(command: string, path: string): boolean {
  return DOCUMENTED_RESPONSE_DIFFS.some((diff) => command.startsWith(diff.command) && diff.path.test(path));
}

/** Parameters of one call as sent: the form body, or one `command` of a batch. */
interface SentCall {
  command: string;
  params: [string, string][];
}

function callsIn(request: ReceivedRequest): SentCall[] {
  const form = [...new URLSearchParams(request.body)].filter(([name]) => name !== 'api.version');
  if (request.functionName !== 'batch') return [{ command: request.functionName, params: form }];
  const inner = form
    .filter(([name]) => name === 'command')
    .map(([, value]): SentCall => {
      const [command = '', query = ''] = value.split(/\?(.*)/s);
      return { command, params: [...new URLSearchParams(query)] };
    });
  return [{ command: 'batch', params: form }, ...inner];
}

function expectedParams(operation: OperationSpec, sent: SentCall): Map<string, ParamSpec> {
  if (!operation.bodyByModule) return operation.params;
  const module = sent.params.find(([name]) => name === 'module')?.[1] ?? '';
  return operation.bodyByModule.get(module) ?? new Map<string, ParamSpec>();
}

describe.skipIf(!SPECS_PRESENT)('contract with cPanel OpenAPI specs', () => {
  let operations: Map<string, OperationSpec>;
  let simulator: RunningSimulator;
  let client: WhmClient;

  beforeAll(async () => {
    operations = loadOperations();
    const clock = stoppableClock();
    simulator = await startTestSimulator({ now: () => clock.now() });
    client = clientFor(simulator);
    await exerciseEveryFunction(client, clock);
  });
  afterAll(async () => {
    client.close();
    await simulator.close();
  });

  it('the specs describe every function the client speaks', () => {
    const missing = [...WHM_FUNCTION_NAMES, 'batch'].filter((name) => !operations.has(name));
    expect(missing).toEqual([]);
  });

  it('the scenario exercised every function', () => {
    const seen = new Set(simulator.requests.flatMap((request) => callsIn(request).map((call) => call.command)));
    expect(WHM_FUNCTION_NAMES.filter((name) => !seen.has(name))).toEqual([]);
  });

  it('every request uses spec parameter names, required parameters and allowed values', () => {
    const problems: string[] = [];
    for (const request of simulator.requests) {
      for (const sent of callsIn(request)) {
        const operation = operations.get(sent.command);
        if (!operation) {
          problems.push(`${sent.command}: not in the specs`);
          continue;
        }
        const expected = expectedParams(operation, sent);
        const names = new Set(sent.params.map(([name]) => name));
        for (const [name, value] of sent.params) {
          const spec = expected.get(name);
          if (!spec) problems.push(`${sent.command}: unknown parameter ${name}`);
          else if (!isDocumentedRequestDiff(sent.command, name)) {
            for (const problem of formValueProblems(spec.schema, value))
              problems.push(`${sent.command}.${name}=${value}: ${problem}`);
          }
        }
        for (const [name, spec] of expected) {
          if (spec.required && !names.has(name)) problems.push(`${sent.command}: required parameter ${name} missing`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('every simulator response matches the spec response schema', () => {
    const problems: string[] = [];
    const check = (command: string, body: unknown): void => {
      const schema = operations.get(command)?.responseSchema;
      if (!schema) return;
      for (const problem of responseProblems(schema, body)) {
        if (!isDocumentedDiff(command, problem.path)) problems.push(`${command} ${problem.path}: ${problem.message}`);
      }
    };
    let checked = 0;
    for (const request of simulator.requests) {
      if (request.response?.status !== 200) continue;
      const body = JSON.parse(request.response.body) as { data?: { result?: unknown[] } };
      check(request.functionName, body);
      checked += 1;
      if (request.functionName === 'batch') {
        for (const element of body.data?.result ?? []) {
          const command = (element as { metadata?: { command?: string } }).metadata?.command ?? '';
          check(command, element);
        }
      }
    }
    expect(checked).toBeGreaterThan(WHM_FUNCTION_NAMES.length);
    expect([...new Set(problems)]).toEqual([]);
  });
});

interface StoppableClock {
  now(): number;
  stop(): void;
  resume(): void;
}

/** The real clock, except that the scenario can stop it (the simulator's time then stands still). */
function stoppableClock(): StoppableClock {
  let stoppedAt: number | undefined;
  let lost = 0;
  const now = (): number => stoppedAt ?? Date.now() - lost;
  return {
    now,
    stop: () => {
      stoppedAt = now();
    },
    resume: () => {
      if (stoppedAt === undefined) return;
      lost = Date.now() - stoppedAt;
      stoppedAt = undefined;
    },
  };
}

/** Calls every client method, with the parameter variants that matter, against the demo data. */
async function exerciseEveryFunction(client: WhmClient, clock: StoppableClock): Promise<void> {
  const host = 'source.example.net';
  await client.call('available_transfer_modules', {});
  for (const module of ['AccountRemoteRoot', 'PackageRemoteRoot', 'FeatureListRemoteRoot', 'LegacyAccountBackup']) {
    await client.call('transfer_module_schema', { module });
  }
  await client.call('remote_basic_credential_check', { host, user: 'root', password: 'remote-root-password', port: 22 });
  const root = await client.call('create_remote_root_transfer_session', {
    host,
    user: 'root',
    password: 'remote-root-password',
    comm_transport: 'ssh',
    transfer_threads: 2,
    restore_threads: 2,
    compressed: true,
  });
  const sessionId = root.data.transfer_session_id;
  await client.call('create_remote_root_transfer_session', {
    host,
    user: 'root',
    sshkey_name: 'id_transfer',
    sshkey_passphrase: 'simulator-key-passphrase',
  });
  const user = await client.call('create_remote_user_transfer_session', {
    host,
    password: 'remote-root-password',
    unrestricted_restore: 1,
  });
  await client.call('analyze_transfer_session_remote', { transfer_session_id: sessionId });
  const analysis = await client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: sessionId });
  const accounts = analysis.data.items.accounts ?? [];
  await client.batch(
    accounts.slice(0, 5).map((account) => ({ function: 'validate_system_user' as const, params: { user: account.user } })),
  );
  await client.call('validate_system_user', { user: 'root' });
  const [first, second] = accounts;
  if (!first || !second) throw new Error('demo data has accounts');
  await client.call('enqueue_transfer_item', {
    transfer_session_id: sessionId,
    module: 'AccountRemoteRoot',
    user: first.user,
    localuser: first.user,
    size: Number(first.bytesused ?? 1),
    ip: false,
    replaceip: 'all',
  });
  await client.batch([
    {
      function: 'enqueue_transfer_item',
      params: { transfer_session_id: sessionId, module: 'AccountRemoteRoot', user: second.user, localuser: `${second.user}2` },
    },
    {
      function: 'enqueue_transfer_item',
      params: {
        transfer_session_id: sessionId,
        module: 'PackageRemoteRoot',
        package: analysis.data.items.packages?.[0]?.name ?? 'x',
      },
    },
  ]);
  await client.call('enqueue_transfer_item', {
    transfer_session_id: user.data.transfer_session_id,
    module: 'AccountRemoteUser',
    user: 'root',
    localuser: 'rootcopy',
  });
  // Simulated time stands still from start to pause, so the pause surely finds the session RUNNING.
  clock.stop();
  await client.call('start_transfer_session', { transfer_session_id: sessionId });
  expect((await client.call('get_transfer_session_state', { transfer_session_id: sessionId })).data.state_name).toBe('RUNNING');
  await client.call('pause_transfer_session', { transfer_session_id: sessionId });
  expect((await client.call('get_transfer_session_state', { transfer_session_id: sessionId })).data.state_name).toBe('PAUSING');
  clock.resume();
  await eventually(async () => {
    const state = await client.call('get_transfer_session_state', { transfer_session_id: sessionId });
    return state.data.state_name === 'PAUSED' ? true : undefined;
  }, 30_000);
  await client.call('start_transfer_session', { transfer_session_id: sessionId });
  await eventually(async () => {
    const state = await client.call('get_transfer_session_state', { transfer_session_id: sessionId });
    return state.data.state_name === 'COMPLETED' ? true : undefined;
  }, 30_000);
  for (const logfile of ['master.log', 'master.error_log']) {
    await client.call('fetch_transfer_session_log', { transfer_session_id: sessionId, logfile }).catch(() => undefined);
  }
  await client.call('abort_transfer_session', { transfer_session_id: user.data.transfer_session_id });
  await client.call('delete_account_archives', { user: first.user, mountpoint: '/home' });

  await client.call('restore_modules_summary', {});
  const dates = await client.call('backup_date_list', {});
  const restorePoint = dates.data.backup_set[0] ?? '';
  const backupUsers = await client.call('backup_user_list', { restore_point: restorePoint });
  const [restoreUser, otherUser] = backupUsers.data.user.filter((entry) => entry.status === 'active');
  if (!restoreUser || !otherUser) throw new Error('demo data has backups');
  await client.call('verify_new_username_for_restore', { user: 'freshname1' });
  await client.call('restoreaccount', { type: 'daily', user: restoreUser.username, mail: 1, mysql: true });
  const archives = await client.call('list_cparchive_files', {});
  const archive = archives.data.quickrestore_files[0];
  if (archive) {
    await client.call('start_local_cpmove_restore', { cpmovepath: `${archive.path}/${archive.file}`, update_a_records: 'basic' });
  }
  await client.call('restore_queue_add_task', { restore_point: restorePoint, user: restoreUser.username, mysql: 1, give_ip: 0 });
  await client.call('restore_queue_add_task', { restore_point: restorePoint, user: otherUser.username });
  await client.call('restore_queue_list_pending', {});
  await client.call('restore_queue_clear_pending_task', { user: otherUser.username });
  await client.call('restore_queue_state', {});
  await client.call('restore_queue_is_active', {});
  await client.call('restore_queue_list_active', {});
  await client.call('restore_queue_activate', {});
  const completed = await eventually(async () => {
    const list = await client.call('restore_queue_list_completed', {});
    return list.data.restore_job.length > 0 ? list.data.restore_job : undefined;
  }, 30_000);
  await client.call('restore_queue_clear_completed_task', {
    user: restoreUser.username,
    start_time: Number(completed[0]?.status_info?.started ?? 0),
  });
  await client.call('restore_queue_clear_all_pending_tasks', {});
  await client.call('restore_queue_clear_all_completed_tasks', {});
  await client.call('restore_queue_clear_all_failed_tasks', {});
  await client.call('restore_queue_clear_all_tasks', {});
}
