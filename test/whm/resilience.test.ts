// Quirks and faults give the right typed errors; reads are retried, writes never.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  WhmApiError,
  WhmAuthError,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  type WhmClient,
} from '../../src/whm/index.js';
import { clientFor, startTestSimulator } from '../helpers/whm.js';

let simulator: RunningSimulator;
let client: WhmClient;

beforeAll(async () => {
  simulator = await startTestSimulator();
  client = clientFor(simulator, { timeoutMs: 1_000 });
});
beforeEach(() => {
  simulator.resetStats();
  simulator.setFault('*', null);
  simulator.setQuirks({ stringNumbers: false, stringResult: false, warningsAsString: false });
});
afterAll(async () => {
  client.close();
  await simulator.close();
});

const requestsTo = (fn: string): number => simulator.requests.filter((request) => request.functionName === fn).length;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('quirks', () => {
  it('accepts result and numbers as strings', async () => {
    simulator.setQuirks({ stringResult: true, stringNumbers: true });
    const user = await client.call('validate_system_user', { user: 'root' });
    expect(user.data.exists).toBe('1');
    const failure = await failureOf(client.call('validate_system_user', { user: '' }));
    expect(failure).toBeInstanceOf(WhmApiError);
  });

  it('reads warnings and messages given as a newline-joined string', async () => {
    simulator.setQuirks({ warningsAsString: true });
    const result = await client.call('delete_account_archives', { user: 'archived1' });
    expect(Array.isArray(result.output.messages)).toBe(true);
    expect(Array.isArray(result.output.warnings)).toBe(true);
  });

  it('keeps Unicode punctuation of reasons intact', async () => {
    const failure = await failureOf(client.call('transfer_module_schema', { module: 'Nope' }));
    expect((failure as WhmApiError).reason).toBe('The transfer session module “Nope” does not exist.');
  });

  it('an HTML page where JSON was expected is a protocol error with a hint', async () => {
    simulator.setFault('validate_system_user', { kind: 'html' });
    const failure = await failureOf(client.call('validate_system_user', { user: 'root' }));
    expect(failure).toBeInstanceOf(WhmProtocolError);
    expect((failure as WhmProtocolError).hint).toMatch(/2087/);
  });

  it('a truncated JSON body is a protocol error', async () => {
    simulator.setFault('validate_system_user', { kind: 'invalid-json' });
    expect(await failureOf(client.call('validate_system_user', { user: 'root' }))).toBeInstanceOf(WhmProtocolError);
  });
});

describe('authentication', () => {
  it('a bad token gets WhmAuthError, with HTML and legacy bodies alike', async () => {
    const stranger = clientFor(simulator, { credentials: { kind: 'token', user: 'root', token: 'nope' } });
    const htmlFailure = await failureOf(stranger.call('validate_system_user', { user: 'root' }));
    expect(htmlFailure).toBeInstanceOf(WhmAuthError);
    expect((htmlFailure as WhmAuthError).status).toBe(401);
    stranger.close();

    const legacySimulator = await startTestSimulator({ authFailureStyle: 'legacy' });
    const legacyStranger = clientFor(legacySimulator, { credentials: { kind: 'token', user: 'root', token: 'nope' } });
    expect(await failureOf(legacyStranger.call('validate_system_user', { user: 'root' }))).toBeInstanceOf(WhmAuthError);
    legacyStranger.close();
    await legacySimulator.close();
  });

  it('Basic auth with the root password works; a wrong one is refused and never retried', async () => {
    const basic = clientFor(simulator, {
      credentials: { kind: 'password', user: 'root', password: 'simulator-root-password' },
    });
    expect(Number((await basic.call('validate_system_user', { user: 'root' })).data.exists)).toBe(1);
    basic.close();
    simulator.resetStats();
    const wrong = clientFor(simulator, { credentials: { kind: 'password', user: 'root', password: 'bad' } });
    expect(await failureOf(wrong.call('validate_system_user', { user: 'root' }))).toBeInstanceOf(WhmAuthError);
    expect(simulator.requests).toHaveLength(1);
    wrong.close();
  });
});

describe('faults and retries', () => {
  it('a read is retried after 5xx answers and then succeeds', async () => {
    simulator.setFault('validate_system_user', { kind: 'status', status: 503, times: 2 });
    const result = await client.call('validate_system_user', { user: 'root' });
    expect(Number(result.data.exists)).toBe(1);
    expect(requestsTo('validate_system_user')).toBe(3);
  });

  it('a read gives up after the configured attempts with a transient transport error', async () => {
    simulator.setFault('validate_system_user', { kind: 'status', status: 502 });
    const failure = await failureOf(client.call('validate_system_user', { user: 'root' }));
    expect(failure).toBeInstanceOf(WhmTransportError);
    expect((failure as WhmTransportError).status).toBe(502);
    expect(requestsTo('validate_system_user')).toBe(3);
  });

  it('a read is retried after a connection reset', async () => {
    simulator.setFault('get_transfer_session_state', { kind: 'reset', times: 1 });
    const failure = await failureOf(
      client.call('get_transfer_session_state', { transfer_session_id: 'missingsessioncopya20260101000000abcd' }),
    );
    // The retry reached WHM, which answered with its own failure.
    expect(failure).toBeInstanceOf(WhmApiError);
    expect(requestsTo('get_transfer_session_state')).toBe(2);
  });

  it('a write is never retried after a 5xx or a reset', async () => {
    simulator.setFault('start_transfer_session', { kind: 'status', status: 503 });
    const failure = await failureOf(client.call('start_transfer_session', { transfer_session_id: 'abc' }));
    expect(failure).toBeInstanceOf(WhmTransportError);
    expect(requestsTo('start_transfer_session')).toBe(1);

    simulator.setFault('pause_transfer_session', { kind: 'reset' });
    const reset = await failureOf(client.call('pause_transfer_session', { transfer_session_id: 'abc' }));
    expect(reset).toBeInstanceOf(WhmTransportError);
    expect((reset as WhmTransportError).requestMayHaveBeenReceived).toBe(true);
    expect(requestsTo('pause_transfer_session')).toBe(1);
  });

  it('a hung write times out once, says WHM may have acted, and is not retried', async () => {
    simulator.setFault('abort_transfer_session', { kind: 'hang' });
    const failure = await failureOf(client.call('abort_transfer_session', { transfer_session_id: 'abc' }, { timeoutMs: 150 }));
    expect(failure).toBeInstanceOf(WhmTimeoutError);
    expect((failure as WhmTimeoutError).requestMayHaveBeenReceived).toBe(true);
    expect((failure as WhmTimeoutError).timeoutMs).toBe(150);
    expect(requestsTo('abort_transfer_session')).toBe(1);
  });

  it('a hung read times out and is not retried either (only connect errors, 5xx and resets are)', async () => {
    simulator.setFault('validate_system_user', { kind: 'hang' });
    const failure = await failureOf(client.call('validate_system_user', { user: 'root' }, { timeoutMs: 150 }));
    expect(failure).toBeInstanceOf(WhmTimeoutError);
    expect(requestsTo('validate_system_user')).toBe(1);
  });

  it('latency below the timeout is just slower', async () => {
    simulator.setFault('validate_system_user', { kind: 'latency', ms: 100 });
    expect(Number((await client.call('validate_system_user', { user: 'root' })).data.exists)).toBe(1);
  });

  it('a refused connection is a transport error that never reached WHM', async () => {
    const closed = await startTestSimulator();
    const url = closed.url;
    await closed.close();
    const orphan = clientFor(closed, { url });
    const failure = await failureOf(orphan.call('validate_system_user', { user: 'root' }));
    expect(failure).toBeInstanceOf(WhmTransportError);
    expect((failure as WhmTransportError).code).toBe('ECONNREFUSED');
    expect((failure as WhmTransportError).requestMayHaveBeenReceived).toBe(false);
    orphan.close();
  });
});
