// A whole transfer at speedFactor 1000 and the logs it leaves behind; delete_account_archives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { SOURCE, control, createRootSession, enqueueAccount, fetchLog, waitForState, whm } from './helpers.js';
import type { LogLine } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
});
afterAll(async () => {
  await simulator.close();
});

describe('a whole transfer at speedFactor 1000', () => {
  const failing = 'quotafull';
  let id = '';
  let log: LogLine[] = [];

  beforeAll(async () => {
    id = await createRootSession(simulator, { transfer_threads: 2, restore_threads: 2 });
    await whm(simulator, 'enqueue_transfer_item', {
      transfer_session_id: id,
      module: 'PackageRemoteRoot',
      package: 'starter',
      size: 2048,
    });
    for (const user of ['sunrise', 'meadow', failing, 'oddphp', 'harbor', 'slowsite']) {
      expect((await enqueueAccount(simulator, id, user, { size: 1_000_000 })).metadata.result).toBe(1);
    }
    await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    await waitForState(simulator, id, 'COMPLETED', 8000);
    log = await fetchLog(simulator, id, 'master.log');
  });

  it('ends COMPLETED although items failed', async () => {
    const items = simulator.state.sessions.get(id)?.items ?? [];
    const outcome = Object.fromEntries(items.map((item) => [item.key, item.state]));
    expect(outcome).toEqual({
      starter: 'COMPLETED',
      sunrise: 'COMPLETED',
      meadow: 'COMPLETED',
      quotafull: 'FAILED',
      oddphp: 'COMPLETED',
      harbor: 'FAILED',
      slowsite: 'FAILED',
    });
    expect(simulator.state.localUserExists('sunrise')).toBe(true);
  });

  it('writes the header lines in order', () => {
    const header = log.slice(0, 8).map((line) => {
      const contents = control(line);
      return [contents['action'], contents['queue'] ?? null, contents['msg'] ?? null];
    });
    expect(header).toEqual([
      ['start', null, null],
      ['initiator', null, 'copyacct'],
      ['version', null, 2.3],
      ['queue_count', 'TRANSFER', 7],
      ['queue_size', 'TRANSFER', 2048 + 6 * 1_000_000],
      ['queue_count', 'RESTORE', 7],
      ['queue_size', 'RESTORE', 2048 + 6 * 1_000_000],
      ['remotehost', null, SOURCE],
    ]);
  });

  it('every line is a control line with pid, indent, partial and time', () => {
    for (const line of log) {
      expect(line).toMatchObject({ type: 'control', indent: 0, partial: 0 });
      expect(typeof line.pid).toBe('number');
      expect(typeof control(line)['time']).toBe('number');
      expect(typeof control(line)['child_number']).toBe('number');
    }
    const times = log.map((line) => Number(control(line)['time']));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('walks each item through both queues', () => {
    const actionsOf = (queue: string, item: string): unknown[] =>
      log
        .filter((line) => control(line)['queue'] === queue && control(line)['item'] === item)
        .map((line) => control(line)['action']);
    expect(actionsOf('TRANSFER', 'sunrise')).toEqual(['start', 'process-item', 'start-item', 'success-item']);
    expect(actionsOf('RESTORE', 'sunrise')).toEqual(['start', 'process-item', 'start-item', 'success-item']);
    expect(actionsOf('RESTORE', 'oddphp')).toEqual(['start', 'process-item', 'start-item', 'warning-item']);
    expect(actionsOf('RESTORE', failing)).toEqual(['start', 'process-item', 'start-item', 'failed-item']);
    // A transfer failure is also written for the RESTORE queue by the same worker.
    expect(actionsOf('TRANSFER', 'harbor')).toEqual(['start', 'process-item', 'start-item', 'failed-item']);
    expect(actionsOf('RESTORE', 'harbor')).toEqual(['start-item', 'failed-item']);
    const processItem = log.find((line) => control(line)['action'] === 'process-item' && control(line)['item'] === 'sunrise');
    expect(control(processItem as LogLine)).toMatchObject({
      msg: 'item-TRANSFER_AccountRemoteRoot_sunrise',
      logfile: 'item-TRANSFER_AccountRemoteRoot_sunrise',
      item_type: 'AccountRemoteRoot',
      item_name: 'Account',
      local_item: 'sunrise',
    });
  });

  it('reports failures, warnings and sizes in the item messages', () => {
    const failed = log.find((line) => control(line)['action'] === 'failed-item' && control(line)['item'] === failing);
    expect(control(failed as LogLine)['msg']).toMatchObject({
      failure: demo.DEMO_FAILING_ACCOUNTS[failing]?.failWith,
      size: 1_000_000,
      warnings: 0,
      contents: { warnings: null, skipped_items: null, dangerous_items: null, altered_items: null },
    });
    const conflict = log.find((line) => control(line)['action'] === 'failed-item' && control(line)['item'] === 'harbor');
    expect(control(conflict as LogLine)['msg']).toMatchObject({
      failure: 'The account “harbor” already exists on “target.example.com”.',
    });
    const warned = log.find((line) => control(line)['action'] === 'warning-item');
    expect(control(warned as LogLine)['msg']).toMatchObject({
      warnings: 2,
      message: null,
      contents: { warnings: [expect.any(String), expect.any(String)] },
    });
    const success = log.find((line) => control(line)['action'] === 'success-item' && control(line)['item'] === 'starter');
    expect(control(success as LogLine)['msg']).toMatchObject({ size: 2048, warnings: 0, message: null });
  });

  it('ends with a complete per worker and the master complete', () => {
    const completes = log.filter((line) => control(line)['action'] === 'complete');
    const workers = completes.filter((line) => control(line)['child_number'] !== 0).map((line) => control(line)['queue']);
    expect(workers.sort()).toEqual(['RESTORE', 'RESTORE', 'TRANSFER', 'TRANSFER']);
    const last = log.at(-1) as LogLine;
    expect(control(last)).toMatchObject({ action: 'complete', child_number: 0 });
    expect(control(last)).not.toHaveProperty('queue');
  });

  it('keeps item logs and the error log', async () => {
    const itemLog = await fetchLog(simulator, id, 'item-RESTORE_AccountRemoteRoot_oddphp');
    expect(itemLog.map((line) => line.type)).toEqual(['out', 'out', 'out', 'out', 'warn', 'warn', 'success']);
    const failedItem = await fetchLog(simulator, id, `item-RESTORE_AccountRemoteRoot_${failing}`);
    expect(failedItem.at(-1)).toMatchObject({ type: 'failure' });
    const errors = await fetchLog(simulator, id, 'master.error_log');
    expect(errors.map((line) => control(line)['item'])).toEqual(expect.arrayContaining([failing, 'harbor', 'slowsite']));
  });
});

describe('delete_account_archives', () => {
  it('reports found archives as messages and nothing found as a warning', async () => {
    const found = await whm(simulator, 'delete_account_archives', { user: 'archived', mountpoint: '/root' });
    expect(found).not.toHaveProperty('data');
    expect(found.metadata.output?.messages).toEqual(expect.arrayContaining(['Found archive: /root/cpmove-archived.tar.gz']));
    const none = await whm(simulator, 'delete_account_archives', { user: 'archived', mountpoint: '/root' });
    expect(none.metadata.result).toBe(1);
    expect(none.metadata.output?.warnings).toHaveLength(1);
    expect((await whm(simulator, 'delete_account_archives')).metadata.reason).toMatch(
      /^API failure: .*Provide the “user” parameter\.$/,
    );
  });
});
