// Every WHM transfer client method against the simulator over real HTTP: one success and one WHM
// failure each. The restore methods are in client-restore-functions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type RunningSimulator } from '../../src/simulator/index.js';
import { WhmAuthError, type WhmClient } from '../../src/whm/index.js';
import { clientFor, eventually, startTestSimulator } from '../helpers/whm.js';
import { expectApiError } from './expect-api-error.js';

const SOURCE_HOST = demo.DEMO_SOURCE_HOST;
const REMOTE_ROOT_PASSWORD = demo.DEMO_REMOTE_ROOT_PASSWORD;
const UNKNOWN_SESSION = 'nosuchsessioncopya20260101000000abcd';

let simulator: RunningSimulator;
let client: WhmClient;

beforeAll(async () => {
  simulator = await startTestSimulator();
  client = clientFor(simulator);
});
afterAll(async () => {
  client.close();
  await simulator.close();
});

async function createRootSession(): Promise<string> {
  const created = await client.call('create_remote_root_transfer_session', {
    host: SOURCE_HOST,
    user: 'root',
    password: REMOTE_ROOT_PASSWORD,
    transfer_threads: 2,
    restore_threads: 2,
  });
  return created.data.transfer_session_id;
}

describe('planning', () => {
  it('availableTransferModules lists modules with priorities; bad credentials are an auth error', async () => {
    const result = await client.call('available_transfer_modules', {});
    expect(Number(result.data.modules.AccountRemoteRoot)).toBe(3000);
    expect(Object.keys(result.data.modules).length).toBeGreaterThanOrEqual(6);
    const stranger = clientFor(simulator, { credentials: { kind: 'token', user: 'root', token: 'wrong' } });
    await expect(stranger.call('available_transfer_modules', {})).rejects.toBeInstanceOf(WhmAuthError);
    stranger.close();
  });

  it('transferModuleSchema describes keys; an unknown module fails', async () => {
    const result = await client.call('transfer_module_schema', { module: 'AccountRemoteRoot' });
    expect(result.data.schema.required).toEqual(expect.arrayContaining(['user', 'localuser']));
    expect(result.data.schema.keys.user).toBeDefined();
    await expectApiError(client.call('transfer_module_schema', { module: 'FeaturesListRemoteRoot' }), /does not exist/);
  });
});

describe('sessions', () => {
  let sessionId = '';

  it('createRemoteRootTransferSession returns a WHM-format id; wrong credentials fail', async () => {
    sessionId = await createRootSession();
    expect(sessionId).toMatch(/^[0-9A-Za-z_]{36}$/);
    expect(sessionId).toContain('copya');
    await expectApiError(
      client.call('create_remote_root_transfer_session', { host: SOURCE_HOST, user: 'root', password: 'not-the-password' }),
      /./,
    );
    await expectApiError(
      client.call('create_remote_root_transfer_session', {
        host: 'unknown.invalid',
        user: 'root',
        password: REMOTE_ROOT_PASSWORD,
      }),
      /unable to resolve/,
    );
  });

  it('createRemoteUserTransferSession opens a user session; a missing password fails', async () => {
    const created = await client.call('create_remote_user_transfer_session', {
      host: SOURCE_HOST,
      password: REMOTE_ROOT_PASSWORD,
      unrestricted_restore: 1,
    });
    expect(created.data.transfer_session_id).toContain('noroo');
    await expectApiError(
      client.call('create_remote_user_transfer_session', { host: SOURCE_HOST, password: '', unrestricted_restore: 1 }),
      /password/,
    );
  });

  it('remoteBasicCredentialCheck succeeds; a failed check still carries its output', async () => {
    const ok = await client.call('remote_basic_credential_check', {
      host: SOURCE_HOST,
      user: 'root',
      password: REMOTE_ROOT_PASSWORD,
    });
    expect(ok.reason).toBe('Success');
    const failure = await expectApiError(
      client.call('remote_basic_credential_check', { host: SOURCE_HOST, user: 'root', password: 'wrong-password' }),
      /./,
    );
    expect(failure.data).not.toBeNull();
  });

  it('analyze and retrieve the remote analysis; unknown sessions fail', async () => {
    const analyzed = await client.call('analyze_transfer_session_remote', { transfer_session_id: sessionId });
    expect(analyzed.data).toBeNull();
    const analysis = await client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: sessionId });
    expect(analysis.data.items.accounts?.length).toBeGreaterThanOrEqual(200);
    const first = analysis.data.items.accounts?.[0];
    expect(first?.user).toBeTruthy();
    expect(first?.domain).toBeTruthy();
    await expectApiError(
      client.call('analyze_transfer_session_remote', { transfer_session_id: UNKNOWN_SESSION }),
      /does not exist|valid/,
    );
    await expectApiError(
      client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: UNKNOWN_SESSION }),
      /does not exist/,
    );
  });

  it('validateSystemUser reports four flags; a missing user fails', async () => {
    const root = await client.call('validate_system_user', { user: 'root' });
    expect(Number(root.data.exists)).toBe(1);
    expect(Number(root.data.reserved)).toBe(1);
    const fresh = await client.call('validate_system_user', { user: 'brandnew42' });
    expect(Number(fresh.data.exists)).toBe(0);
    expect(Number(fresh.data.valid_for_new)).toBe(1);
    await expectApiError(client.call('validate_system_user', { user: '' }), /user/);
  });

  it('enqueueTransferItem queues accounts and packages; unknown parameters and duplicates fail', async () => {
    const analysis = await client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: sessionId });
    const [account] = analysis.data.items.accounts ?? [];
    const [pkg] = analysis.data.items.packages ?? [];
    if (!account || !pkg) throw new Error('demo data has accounts and packages');
    const queued = await client.call('enqueue_transfer_item', {
      transfer_session_id: sessionId,
      module: 'AccountRemoteRoot',
      user: account.user,
      localuser: account.user,
      size: Number(account.bytesused ?? 1),
    });
    expect(queued.data).toBeNull();
    await client.call('enqueue_transfer_item', {
      transfer_session_id: sessionId,
      module: 'PackageRemoteRoot',
      package: pkg.name,
    });
    await expectApiError(
      client.call('enqueue_transfer_item', {
        transfer_session_id: sessionId,
        module: 'AccountRemoteRoot',
        user: account.user,
        localuser: account.user,
      }),
      /already exists in the queue/,
    );
    await expectApiError(
      client.call('enqueue_transfer_item', {
        transfer_session_id: sessionId,
        module: 'PackageRemoteRoot',
        package: 'other',
        // Deliberately not a key of the module's schema.
        ...({ colour: 'blue' } as object),
      } as never),
      /not valid for the/,
    );
    await expectApiError(
      client.call('enqueue_transfer_item', {
        transfer_session_id: sessionId,
        module: 'AccountRemoteUser',
        user: 'a',
        localuser: 'a',
      }),
      /Root-authenticated transfer sessions cannot enqueue/,
    );
  });

  it('start, state and log; starting twice or an unknown session fails', async () => {
    const started = await client.call('start_transfer_session', { transfer_session_id: sessionId });
    expect(Number(started.data.pid)).toBeGreaterThan(0);
    await expectApiError(client.call('start_transfer_session', { transfer_session_id: sessionId }), /failed to start/);
    const finalState = await eventually(async () => {
      const state = await client.call('get_transfer_session_state', { transfer_session_id: sessionId });
      return state.data.state_name === 'COMPLETED' ? state.data.state_name : undefined;
    });
    expect(finalState).toBe('COMPLETED');
    await expectApiError(client.call('get_transfer_session_state', { transfer_session_id: UNKNOWN_SESSION }), /does not exist/);
    const log = await client.call('fetch_transfer_session_log', { transfer_session_id: sessionId, logfile: 'master.log' });
    const actions = log.data.log
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { contents: { action?: string } }).contents.action);
    expect(actions[0]).toBe('start');
    expect(actions.at(-1)).toBe('complete');
    await expectApiError(
      client.call('fetch_transfer_session_log', { transfer_session_id: sessionId, logfile: 'item-TRANSFER_Nope_nobody' }),
      /failed to locate/,
    );
  });

  it('pause and abort of an unknown session fail; abort of a never-started session succeeds and marks it FAILED', async () => {
    const pending = await createRootSession();
    await expectApiError(client.call('pause_transfer_session', { transfer_session_id: UNKNOWN_SESSION }), /does not exist/);
    const aborted = await client.call('abort_transfer_session', { transfer_session_id: pending });
    expect(aborted.data).toBeNull();
    expect((await client.call('get_transfer_session_state', { transfer_session_id: pending })).data.state_name).toBe('FAILED');
    await expectApiError(client.call('abort_transfer_session', { transfer_session_id: UNKNOWN_SESSION }), /does not exist/);
  });

  it('pause needs a running session: refused before start and while pausing, accepted while running', async () => {
    // A stopped clock keeps the started session RUNNING however long the calls take.
    const stopped = await startTestSimulator({ now: () => Date.UTC(2026, 10, 28, 12, 0, 0) });
    const stoppedClient = clientFor(stopped);
    try {
      const created = await stoppedClient.call('create_remote_root_transfer_session', {
        host: SOURCE_HOST,
        user: 'root',
        password: REMOTE_ROOT_PASSWORD,
      });
      const id = created.data.transfer_session_id;
      await stoppedClient.call('enqueue_transfer_item', {
        transfer_session_id: id,
        module: 'AccountRemoteRoot',
        user: 'meadow',
        localuser: 'meadow',
      });
      await expectApiError(
        stoppedClient.call('pause_transfer_session', { transfer_session_id: id }),
        /^The system failed to “pause” the transfer session\.$/,
      );
      expect((await stoppedClient.call('get_transfer_session_state', { transfer_session_id: id })).data.state_name).toBe(
        'PENDING',
      );

      await stoppedClient.call('start_transfer_session', { transfer_session_id: id });
      expect((await stoppedClient.call('get_transfer_session_state', { transfer_session_id: id })).data.state_name).toBe(
        'RUNNING',
      );
      const paused = await stoppedClient.call('pause_transfer_session', { transfer_session_id: id });
      expect(paused.data).toBeNull();
      expect((await stoppedClient.call('get_transfer_session_state', { transfer_session_id: id })).data.state_name).toBe(
        'PAUSING',
      );
      await expectApiError(stoppedClient.call('pause_transfer_session', { transfer_session_id: id }), /failed to “pause”/);
    } finally {
      stoppedClient.close();
      await stopped.close();
    }
  });

  it('deleteAccountArchives reports through output messages; a missing user fails', async () => {
    const result = await client.call('delete_account_archives', { user: 'archived1' });
    expect(result.data).toBeNull();
    expect(Array.isArray(result.output.messages)).toBe(true);
    await expectApiError(client.call('delete_account_archives', { user: '' }), /./);
  });
});
