// WHM `batch`: order, per-command envelopes, outer failure with data, abort_on_error, numbered
// commands, statistics and limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { ROOT_AUTH, dataOf, whm } from './helpers.js';
import type { Envelope } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000, maxBatchCommands: 150 });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.resetStats();
});

const command = (functionName: string, params: Record<string, string> = {}): string => {
  const query = new URLSearchParams(params).toString();
  return query === '' ? functionName : `${functionName}?${query}`;
};

function results(envelope: Envelope): Envelope[] {
  return dataOf(envelope)['result'] as Envelope[];
}

describe('batch', () => {
  it('runs repeated commands in order, each with its full envelope', async () => {
    const envelope = await whm(simulator, 'batch', [
      ['command', command('validate_system_user', { user: 'root' })],
      ['command', command('restore_queue_clear_all_tasks')],
      ['command', command('transfer_module_schema', { module: 'PackageRemoteRoot' })],
    ]);
    expect(envelope.metadata).toEqual({ command: 'batch', reason: 'OK', result: 1, version: 1 });
    const [first, second, third] = results(envelope);
    expect(first).toEqual({
      data: { exists: 1, reserved: 1, valid_for_new: 1, valid_for_transfer: 1 },
      metadata: { command: 'validate_system_user', reason: 'OK', result: 1, version: 1 },
    });
    expect(second).not.toHaveProperty('data');
    expect(second?.metadata).toEqual({ command: 'restore_queue_clear_all_tasks', reason: 'OK', result: '1', version: 1 });
    expect(third?.metadata.command).toBe('transfer_module_schema');
  });

  it('keeps running after a failing command, with outer result 0 and data still present', async () => {
    const envelope = await whm(simulator, 'batch', [
      ['command', command('validate_system_user', { user: 'one' })],
      ['command', command('validate_system_user')],
      ['command', command('validate_system_user', { user: 'three' })],
    ]);
    expect(envelope.metadata.result).toBe(0);
    const list = results(envelope);
    expect(list.map((entry) => entry.metadata.result)).toEqual([1, 0, 1]);
    expect(list[1]?.metadata.reason).toBe('No user name supplied: “user” is a required argument.');
  });

  it('stops at the first failure with abort_on_error=1', async () => {
    const envelope = await whm(simulator, 'batch', [
      ['abort_on_error', '1'],
      ['command', command('validate_system_user', { user: 'one' })],
      ['command', command('get_transfer_session_state', { transfer_session_id: 'missing' })],
      ['command', command('validate_system_user', { user: 'three' })],
    ]);
    expect(envelope.metadata.result).toBe(0);
    expect(results(envelope).map((entry) => entry.metadata.command)).toEqual([
      'validate_system_user',
      'get_transfer_session_state',
    ]);
    expect(simulator.stats().calls['validate_system_user']).toBe(1);
  });

  it('orders numbered commands by their suffix, after the unsuffixed one', async () => {
    const envelope = await whm(simulator, 'batch', [
      ['command-1', command('validate_system_user', { user: 'third' })],
      ['command-0', command('validate_system_user', { user: 'second' })],
      ['command', command('available_transfer_modules')],
    ]);
    const list = results(envelope);
    expect(list.map((entry) => entry.metadata.command)).toEqual([
      'available_transfer_modules',
      'validate_system_user',
      'validate_system_user',
    ]);
    expect(simulator.requests[0]?.body).toContain('command-1=');
  });

  it('keeps special characters through the double encoding', async () => {
    const envelope = await whm(simulator, 'batch', [['command', command('transfer_module_schema', { module: 'a&b=c “ü”' })]]);
    expect(results(envelope)[0]?.metadata.reason).toBe('The transfer session module “a&b=c “ü”” does not exist.');
  });

  it('counts one HTTP request and every sub-call under its own name', async () => {
    const pairs: [string, string][] = Array.from({ length: 100 }, (_, index) => [
      'command',
      command('validate_system_user', { user: `user${index}` }),
    ]);
    const envelope = await whm(simulator, 'batch', pairs);
    expect(results(envelope)).toHaveLength(100);
    expect(simulator.stats()).toEqual({ totalRequests: 1, calls: { batch: 1, validate_system_user: 100 } });
  });

  it('works over GET too', async () => {
    const query = new URLSearchParams([
      ['api.version', '1'],
      ['command', command('validate_system_user', { user: 'root' })],
      ['command', command('validate_system_user', { user: 'x' })],
    ]);
    const response = await fetch(`${simulator.url}/json-api/batch?${query.toString()}`, {
      headers: { authorization: ROOT_AUTH },
    });
    expect(results((await response.json()) as Envelope)).toHaveLength(2);
  });

  it('refuses nested batches and unknown functions per command', async () => {
    const envelope = await whm(simulator, 'batch', [
      ['command', command('batch', { command: 'version' })],
      ['command', command('no_such_thing')],
      ['command', command('validate_system_user', { user: 'x' })],
    ]);
    const list = results(envelope);
    expect(list[0]?.metadata.result).toBe(0);
    expect(list[1]?.metadata.reason).toBe('Unknown app (“no_such_thing”) requested for this version (1) of the API.');
    expect(list[2]?.metadata.result).toBe(1);
  });

  it('rejects batches beyond the configured maximum and empty batches', async () => {
    const pairs: [string, string][] = Array.from({ length: 151 }, () => ['command', 'available_transfer_modules']);
    const tooMany = await whm(simulator, 'batch', pairs);
    expect(tooMany.metadata.result).toBe(0);
    expect(tooMany).not.toHaveProperty('data');
    expect(tooMany.metadata.reason).toContain('151');
    const empty = await whm(simulator, 'batch');
    expect(empty.metadata.result).toBe(0);
  });

  it('is faulted under the name "batch"', async () => {
    simulator.setFault('batch', { kind: 'status', status: 503, times: 1 });
    const response = await fetch(`${simulator.url}/json-api/batch?api.version=1&command=available_transfer_modules`, {
      headers: { authorization: ROOT_AUTH },
    });
    expect(response.status).toBe(503);
    expect(simulator.stats()).toEqual({ totalRequests: 1, calls: {} });
  });

  it('applies quirks inside sub-envelopes once', async () => {
    simulator.setQuirks({ stringNumbers: true, stringResult: true });
    try {
      const envelope = await whm(simulator, 'batch', [['command', command('validate_system_user', { user: 'root' })]]);
      expect(envelope.metadata.result).toBe('1');
      expect(results(envelope)[0]).toEqual({
        data: { exists: '1', reserved: '1', valid_for_new: '1', valid_for_transfer: '1' },
        metadata: { command: 'validate_system_user', reason: 'OK', result: '1', version: 1 },
      });
    } finally {
      simulator.setQuirks({ stringNumbers: false, stringResult: false });
    }
  });
});
