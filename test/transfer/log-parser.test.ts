// Whole sessions through parseTransferLog: outcomes and progress for a finished, a half-finished and a
// TRANSFER-failed session.
import { describe, expect, it } from 'vitest';
import { parseTransferLog, type TransferItemOutcome, type ParsedTransferLog } from '../../src/transfer/index.js';
import {
  CAROL_RESTORE_FAILURE,
  RESTORE_PID,
  SampleLog,
  TRANSFER_PID,
  alice,
  bob,
  carol,
  gold,
  rootSessionLog,
} from './sample-log.js';

function itemNamed(parsed: ParsedTransferLog, itemType: string, item: string): TransferItemOutcome {
  const outcome = parsed.items.find((candidate) => candidate.key === `${itemType}:${item}`);
  if (outcome === undefined) throw new Error(`no outcome for ${itemType}:${item}`);
  return outcome;
}

const ALL_BYTES = gold.size + alice.size + bob.size + carol.size;

describe('a finished root session: 3 accounts + 1 package, one restore failure, one with warnings', () => {
  const { log } = rootSessionLog();
  const parsed = parseTransferLog(log.toString());

  it('reads every line', () => {
    expect(parsed.skippedLineCount).toBe(0);
    expect(parsed.truncatedLastLine).toBe(false);
    expect(parsed.lineCount).toBe(log.lines.length);
    // The two-fragment warning is one event.
    expect(parsed.events).toHaveLength(log.lines.length - 1);
  });

  it('reports the session facts from the header and the final complete', () => {
    const { session } = parsed;
    expect(session.initiator).toBe('copyacct');
    expect(session.version).toBe('2.3');
    expect(session.remoteHost).toBe('source.example.net');
    expect(session.queues.TRANSFER).toEqual({ queue: 'TRANSFER', itemCount: 4, totalBytes: ALL_BYTES });
    expect(session.queues.RESTORE).toEqual({ queue: 'RESTORE', itemCount: 4, totalBytes: ALL_BYTES });
    expect(session.startedAt).toEqual(new Date(1_760_000_000 * 1000));
    expect(session.completed).toBe(true);
    expect(session.completedAt).toEqual(new Date((log.now - 1) * 1000));
    expect(session.masterPid).toBe(log.masterPid);
    expect(session.pids).toEqual([log.masterPid, TRANSFER_PID, RESTORE_PID]);
  });

  it('lists the items in order of first appearance, keyed by module and item', () => {
    expect(parsed.items.map((item) => item.key)).toEqual([
      'PackageRemoteRoot:gold',
      'AccountRemoteRoot:alice',
      'AccountRemoteRoot:bob',
      'AccountRemoteRoot:carol',
    ]);
  });

  it('completes the package and the clean account', () => {
    const package_ = itemNamed(parsed, 'PackageRemoteRoot', 'gold');
    expect(package_).toMatchObject({
      itemName: 'Package',
      item: 'gold',
      localItem: 'gold',
      size: 1,
      state: 'COMPLETED',
      failure: null,
      warnings: 0,
      transferLogfile: 'item-TRANSFER_PackageRemoteRoot_gold',
      restoreLogfile: 'item-RESTORE_PackageRemoteRoot_gold',
    });
    expect(package_.transfer.status).toBe('SUCCEEDED');
    expect(package_.restore.status).toBe('SUCCEEDED');
    expect(package_.startedAt).not.toBeNull();
    expect(package_.finishedAt).toEqual(package_.restore.finishedAt);

    const account = itemNamed(parsed, 'AccountRemoteRoot', 'alice');
    expect(account.state).toBe('COMPLETED');
    expect(account.message).toBe('Account restored.');
  });

  it('adds up the warnings of both queues and keeps the local name', () => {
    const warned = itemNamed(parsed, 'AccountRemoteRoot', 'bob');
    expect(warned).toMatchObject({ state: 'COMPLETED', localItem: 'bob2', warnings: 3, skippedItems: 1 });
    expect(warned.transfer.warnings).toBe(1);
    expect(warned.restore.warnings).toBe(2);
  });

  it('reports the restore failure although the session is COMPLETED', () => {
    const failed = itemNamed(parsed, 'AccountRemoteRoot', 'carol');
    expect(failed.state).toBe('FAILED');
    expect(failed.failure).toBe(CAROL_RESTORE_FAILURE);
    expect(failed.transfer.status).toBe('SUCCEEDED');
    expect(failed.restore.status).toBe('FAILED');
    expect(failed.restore.failure).toBe(CAROL_RESTORE_FAILURE);
    expect(failed.finishedAt).toEqual(failed.restore.finishedAt);
  });

  it('shows 100 % with every byte counted, the failed item included', () => {
    expect(parsed.progress.percent).toBe(100);
    expect(parsed.progress.complete).toBe(true);
    expect(parsed.progress.totalBytes).toBe(2 * ALL_BYTES);
    expect(parsed.progress.completedBytes).toBe(2 * ALL_BYTES);
    expect(parsed.progress.queues).toEqual([
      {
        queue: 'TRANSFER',
        totalItems: 4,
        completedItems: 4,
        failedItems: 0,
        totalBytes: ALL_BYTES,
        completedBytes: ALL_BYTES,
        percent: 100,
      },
      {
        queue: 'RESTORE',
        totalItems: 4,
        completedItems: 4,
        failedItems: 1,
        totalBytes: ALL_BYTES,
        completedBytes: ALL_BYTES,
        percent: 100,
      },
    ]);
  });

  it('keeps text lines as events, fragments joined', () => {
    const warnings = parsed.events.filter((event) => event.type === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      action: 'text',
      message: 'Could not keep a custom DNS zone for bob.example',
      pid: RESTORE_PID,
    });
    const failedItem = parsed.events.find((event) => event.action === 'failed-item');
    expect(failedItem).toMatchObject({
      queue: 'RESTORE',
      childNumber: 1,
      item: 'carol',
      itemType: 'AccountRemoteRoot',
      message: CAROL_RESTORE_FAILURE,
    });
  });
});

describe('a log read mid-transfer', () => {
  const { log, marks } = rootSessionLog();
  // The file is being written: keep the lines up to the cut plus half of the next one.
  const nextLine = log.lines[marks.midTransfer] ?? '';
  const text = `${log.lines.slice(0, marks.midTransfer).join('\n')}\n${nextLine.slice(0, 40)}`;
  const parsed = parseTransferLog(text);

  it('skips only the half-written last line', () => {
    expect(parsed.truncatedLastLine).toBe(true);
    expect(parsed.skippedLineCount).toBe(1);
    expect(parsed.skippedLines[0]).toMatchObject({ line: marks.midTransfer + 1, reason: 'truncated' });
  });

  it('places each item at its point in the queues', () => {
    expect(parsed.items.map((item) => [item.item, item.state])).toEqual([
      ['gold', 'COMPLETED'],
      ['alice', 'RESTORE_INPROGRESS'],
      ['bob', 'RESTORE_PENDING'],
      ['carol', 'TRANSFER_INPROGRESS'],
    ]);
    const waiting = itemNamed(parsed, 'AccountRemoteRoot', 'bob');
    expect(waiting.transfer.status).toBe('SUCCEEDED');
    expect(waiting.restore.status).toBe('PENDING');
    expect(waiting.finishedAt).toBeNull();
    expect(itemNamed(parsed, 'AccountRemoteRoot', 'carol').restore.logged).toBe(false);
  });

  it('computes progress between 0 and 100 by bytes', () => {
    const { progress, session } = parsed;
    expect(session.completed).toBe(false);
    expect(progress.complete).toBe(false);
    const transferDone = gold.size + alice.size + bob.size;
    const [transfer, restore] = progress.queues;
    expect(transfer).toMatchObject({
      queue: 'TRANSFER',
      totalItems: 4,
      completedItems: 3,
      failedItems: 0,
      totalBytes: ALL_BYTES,
      completedBytes: transferDone,
      percent: 50,
    });
    expect(restore).toMatchObject({
      queue: 'RESTORE',
      totalItems: 4,
      completedItems: 1,
      totalBytes: ALL_BYTES,
      completedBytes: gold.size,
      percent: 0,
    });
    expect(progress.completedBytes).toBe(transferDone + gold.size);
    expect(progress.totalBytes).toBe(2 * ALL_BYTES);
    expect(progress.percent).toBe(25);
    expect(progress.percent).toBeGreaterThan(0);
    expect(progress.percent).toBeLessThan(100);
  });

  it('rounds to one decimal and never reaches 100 while bytes are outstanding', () => {
    const almost = new SampleLog();
    const big = { item: 'big', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 9_999 };
    const tiny = { item: 'tiny', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 1 };
    almost.header({
      initiator: 'copyacct',
      version: 2.3,
      remoteHost: 'h',
      queues: { TRANSFER: { count: 2, size: 10_000 }, RESTORE: { count: 2, size: 10_000 } },
    });
    almost.beginItem(TRANSFER_PID, 1, 'TRANSFER', big).succeedItem(TRANSFER_PID, 1, 'TRANSFER', big);
    almost.beginItem(TRANSFER_PID, 1, 'TRANSFER', tiny);
    const third = new SampleLog();
    const part = { item: 'part', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 1 };
    third.header({
      initiator: 'copyacct',
      version: 2.3,
      remoteHost: 'h',
      queues: { TRANSFER: { count: 3, size: 3 }, RESTORE: { count: 3, size: 3 } },
    });
    third.beginItem(TRANSFER_PID, 1, 'TRANSFER', part).succeedItem(TRANSFER_PID, 1, 'TRANSFER', part);

    expect(parseTransferLog(almost.toString()).progress.queues[0]?.percent).toBe(99.9);
    expect(parseTransferLog(third.toString()).progress.queues[0]?.percent).toBe(33.3);
    expect(parseTransferLog(third.toString()).progress.percent).toBe(16.7);
  });

  it('falls back to the start-item sizes when the header is missing', () => {
    const headerless = rootSessionLog().log.lines.filter(
      (line) => !line.includes('"queue_size"') && !line.includes('"queue_count"'),
    );
    const cut = headerless.slice(0, marks.midTransfer - 4).join('\n');
    const { progress } = parseTransferLog(cut);
    const [transfer, restore] = progress.queues;
    // Seen in TRANSFER: gold, alice, bob (done) and carol (started).
    expect(transfer).toMatchObject({ totalItems: 4, totalBytes: ALL_BYTES, completedBytes: gold.size + alice.size + bob.size });
    // Seen in RESTORE: gold (done) and alice (started).
    expect(restore).toMatchObject({ totalItems: 2, totalBytes: gold.size + alice.size, completedBytes: gold.size });
  });
});

describe('an item that fails in the TRANSFER queue', () => {
  const dave = { item: 'dave', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 500 };
  const erin = { item: 'erin', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 700 };
  const failure = 'An account named dave is already present on this server.';

  function failedTransferLog(restoreLogsSuccess: boolean): string {
    const log = new SampleLog();
    log.header({
      initiator: 'copyacct',
      version: 2.3,
      remoteHost: '192.0.2.10',
      queues: { TRANSFER: { count: 2, size: 1200 }, RESTORE: { count: 2, size: 1200 } },
    });
    log.beginItem(TRANSFER_PID, 1, 'TRANSFER', dave).failItem(TRANSFER_PID, 1, 'TRANSFER', dave, { failure });
    log.beginItem(TRANSFER_PID, 1, 'TRANSFER', erin).succeedItem(TRANSFER_PID, 1, 'TRANSFER', erin);
    log.workerComplete(TRANSFER_PID, 1, 'TRANSFER');
    // A log that (wrongly) claims a restore must still not make dave look restored.
    if (restoreLogsSuccess) log.beginItem(RESTORE_PID, 1, 'RESTORE', dave).succeedItem(RESTORE_PID, 1, 'RESTORE', dave);
    log.beginItem(RESTORE_PID, 1, 'RESTORE', erin).succeedItem(RESTORE_PID, 1, 'RESTORE', erin);
    return log.workerComplete(RESTORE_PID, 1, 'RESTORE').masterComplete().toString();
  }

  it('reports the item FAILED with its failure text and never as restored', () => {
    const parsed = parseTransferLog(failedTransferLog(false));
    const failed = itemNamed(parsed, 'AccountRemoteRoot', 'dave');
    expect(failed.state).toBe('FAILED');
    expect(failed.failure).toBe(failure);
    expect(failed.transfer).toMatchObject({ status: 'FAILED', failure, finished: true });
    expect(failed.restore).toMatchObject({ status: 'SKIPPED', logged: false, finished: false, logfile: null });
    expect(failed.finishedAt).toEqual(failed.transfer.finishedAt);
    expect(itemNamed(parsed, 'AccountRemoteRoot', 'erin').state).toBe('COMPLETED');
    expect(parsed.session.completed).toBe(true);
    expect(parsed.progress.queues[0]).toMatchObject({ completedItems: 2, failedItems: 1, completedBytes: 1200 });
    expect(parsed.progress.percent).toBe(100);
  });

  it('stays FAILED even when the restore queue logs a success for it', () => {
    const failed = itemNamed(parseTransferLog(failedTransferLog(true)), 'AccountRemoteRoot', 'dave');
    expect(failed.state).toBe('FAILED');
    expect(failed.restore.status).toBe('SKIPPED');
    expect(failed.failure).toBe(failure);
  });

  it('counts the failure as done in TRANSFER before the session ends', () => {
    const log = new SampleLog();
    log.header({
      initiator: 'copyacct',
      version: 2.3,
      remoteHost: '192.0.2.10',
      queues: { TRANSFER: { count: 2, size: 1200 }, RESTORE: { count: 2, size: 1200 } },
    });
    log.beginItem(TRANSFER_PID, 1, 'TRANSFER', dave).failItem(TRANSFER_PID, 1, 'TRANSFER', dave, { failure });
    const { progress, items } = parseTransferLog(log.toString());
    expect(items[0]?.state).toBe('FAILED');
    expect(progress.queues[0]).toMatchObject({ completedItems: 1, failedItems: 1, completedBytes: 500, percent: 41.7 });
    expect(progress.percent).toBe(20.8);
  });
});

describe('a paused and resumed session', () => {
  it('is not complete while a new master run is under way, and retried items take their latest attempt', () => {
    const frank = { item: 'frank', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 10 };
    const log = new SampleLog();
    const header = {
      initiator: 'copyacct',
      version: 2.3,
      remoteHost: 'h',
      queues: { TRANSFER: { count: 1, size: 10 }, RESTORE: { count: 1, size: 10 } },
    };
    log.header(header);
    log.beginItem(TRANSFER_PID, 1, 'TRANSFER', frank).failItem(TRANSFER_PID, 1, 'TRANSFER', frank, { failure: 'interrupted' });
    log.masterComplete();
    log.control(5100, { action: 'start', child_number: 0 });
    log.beginItem(5101, 1, 'TRANSFER', frank);

    const parsed = parseTransferLog(log.toString());
    expect(parsed.session.completed).toBe(false);
    expect(parsed.session.completedAt).toBeNull();
    expect(parsed.session.masterPid).toBe(5100);
    expect(parsed.items[0]).toMatchObject({ state: 'TRANSFER_INPROGRESS', failure: null });
    expect(parsed.progress.percent).toBe(0);
  });
});
