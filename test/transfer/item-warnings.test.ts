// Warning texts from item logs, and which item logs are worth reading for them.
import { describe, expect, it } from 'vitest';
import { itemLogsWithWarnings, itemLogWarnings, parseTransferLog } from '../../src/transfer/index.js';
import { SampleLog, bob, rootSessionLog } from './sample-log.js';

const WORKER = 4242;

describe('itemLogWarnings', () => {
  it('returns the warn lines in order, joining partial fragments and ignoring other lines', () => {
    const log = new SampleLog()
      .text(WORKER, 'out', 'Restoring the account “bob2” …\n')
      .text(WORKER, 'warn', 'The PHP version of “bob2” is not ', 1)
      .text(WORKER, 'warn', 'installed on this server.\n')
      .text(WORKER, 'out', 'Restoring databases …\n')
      .text(WORKER, 'warn', '   \n')
      .text(WORKER, 'warn', 'A DNS zone of “bob2” points to the source server.\n')
      .text(WORKER, 'failure', 'Not a warning.\n')
      .control(WORKER, { action: 'complete', child_number: 1 });
    expect(itemLogWarnings(log.toString())).toEqual([
      'The PHP version of “bob2” is not installed on this server.',
      'A DNS zone of “bob2” points to the source server.',
    ]);
  });

  it('reads an empty, a half-written or a non-JSON log without throwing', () => {
    expect(itemLogWarnings('')).toEqual([]);
    expect(itemLogWarnings('{"pid":1,"type":"warn","indent":0,"partial":0,"contents":"half')).toEqual([]);
    expect(itemLogWarnings('not json\n{"pid":1,"type":"warn","contents":"kept\\n"}\n')).toEqual(['kept']);
  });

  it('keeps at most the limit', () => {
    const log = new SampleLog();
    for (let index = 0; index < 5; index += 1) log.text(WORKER, 'warn', `warning ${index}\n`);
    expect(itemLogWarnings(log.toString(), 3)).toEqual(['warning 0', 'warning 1', 'warning 2']);
  });
});

describe('itemLogsWithWarnings', () => {
  const parsed = parseTransferLog(rootSessionLog().log.toString());
  const outcome = (item: string) => {
    const found = parsed.items.find((candidate) => candidate.item === item);
    if (found === undefined) throw new Error(`no item ${item}`);
    return found;
  };

  it('reads the logs of the queues that counted warnings, TRANSFER first', () => {
    const warned = outcome(bob.item);
    expect(warned.transfer.warnings).toBe(1);
    expect(warned.restore.warnings).toBe(2);
    expect(itemLogsWithWarnings(warned)).toEqual([warned.transfer.logfile, warned.restore.logfile]);
  });

  it('reads nothing for an item whose queues finished without warnings', () => {
    expect(itemLogsWithWarnings(outcome('alice'))).toEqual([]);
    expect(itemLogsWithWarnings(outcome('gold'))).toEqual([]);
  });

  it('reads the log of a queue still working on the item, where warnings may already be', () => {
    const running = new SampleLog()
      .control(WORKER, { action: 'start', child_number: 1, queue: 'TRANSFER', item: 'dave', item_type: 'AccountRemoteRoot' })
      .control(WORKER, {
        action: 'process-item',
        child_number: 1,
        queue: 'TRANSFER',
        item: 'dave',
        item_type: 'AccountRemoteRoot',
        msg: 'item-TRANSFER_AccountRemoteRoot_dave',
      });
    const [dave] = parseTransferLog(running.toString()).items;
    expect(dave?.state).toBe('TRANSFER_INPROGRESS');
    expect(dave === undefined ? null : itemLogsWithWarnings(dave)).toEqual(['item-TRANSFER_AccountRemoteRoot_dave']);
  });
});
