// Line shapes across WHM versions, and logs that are empty, broken or still being written.
import { describe, expect, it } from 'vitest';
import { MAX_SKIPPED_DETAILS, parseTransferLog, parseTransferLogEvents } from '../../src/transfer/index.js';

const line = (value: unknown): string => JSON.stringify(value);

describe('old-shape lines', () => {
  // An older server: pid as a string, no time, version as a string, msg numbers as strings,
  // child_number as a string, and text written in partial fragments.
  const text = [
    line({ pid: '2001', type: 'control', indent: '0', partial: '0', contents: { action: 'start', child_number: '0' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'initiator', child_number: 0, msg: 'norootcopy' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'version', child_number: 0, msg: '1.6' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'queue_count', queue: 'TRANSFER', child_number: 0, msg: '1' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'queue_size', queue: 'TRANSFER', child_number: 0, msg: '4096' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'queue_count', queue: 'RESTORE', child_number: 0, msg: '1' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'queue_size', queue: 'RESTORE', child_number: 0, msg: '4096' } }),
    line({ pid: '2001', type: 'control', contents: { action: 'remotehost', child_number: 0, msg: 'old.example.org' } }),
    line({
      pid: '2002',
      type: 'control',
      contents: {
        action: 'process-item',
        queue: 'TRANSFER',
        child_number: '1',
        item: 'olduser',
        item_name: 'Account',
        item_type: 'AccountRemoteUser',
        local_item: 'olduser',
        msg: 'item-TRANSFER_AccountRemoteUser_olduser',
      },
    }),
    line({ pid: '2002', type: 'out', indent: 1, partial: 1, contents: 'Packaging ' }),
    line({ pid: '2002', type: 'out', indent: 1, partial: 1, contents: 'the account' }),
    line({ pid: '2002', type: 'out', indent: 1, partial: 0, contents: '... Done\n' }),
    line({
      pid: '2002',
      type: 'control',
      contents: {
        action: 'start-item',
        queue: 'TRANSFER',
        child_number: '1',
        item: 'olduser',
        item_type: 'AccountRemoteUser',
        msg: { size: '4096' },
      },
    }),
    line({
      pid: '2002',
      type: 'control',
      contents: {
        action: 'success-item',
        queue: 'TRANSFER',
        child_number: '1',
        item: 'olduser',
        item_type: 'AccountRemoteUser',
        msg: { warnings: '2', skipped_items: '0', size: '4096' },
      },
    }),
    line({
      pid: '2002',
      type: 'control',
      contents: { action: 'rate-limit', queue: 'TRANSFER', child_number: 1, msg: { bytes_per_second: 100 } },
    }),
  ].join('\n');
  const parsed = parseTransferLog(text);

  it('reads strings where numbers are expected', () => {
    expect(parsed.skippedLineCount).toBe(0);
    expect(parsed.session).toMatchObject({
      initiator: 'norootcopy',
      version: '1.6',
      remoteHost: 'old.example.org',
      masterPid: 2001,
      pids: [2001, 2002],
      startedAt: null,
      completed: false,
    });
    expect(parsed.session.queues.TRANSFER).toMatchObject({ itemCount: 1, totalBytes: 4096 });
    expect(parsed.events.every((event) => event.at === null)).toBe(true);
    expect(parsed.events[0]).toMatchObject({ action: 'start', pid: 2001, childNumber: 0 });
  });

  it('joins partial fragments into one event', () => {
    const textEvents = parsed.events.filter((event) => event.action === 'text');
    expect(textEvents).toHaveLength(1);
    expect(textEvents[0]).toMatchObject({ type: 'out', message: 'Packaging the account... Done', pid: 2002, line: 10 });
  });

  it('takes the item log name from process-item msg when no logfile key is given', () => {
    const item = parsed.items[0];
    expect(item).toMatchObject({
      key: 'AccountRemoteUser:olduser',
      state: 'RESTORE_PENDING',
      size: 4096,
      warnings: 2,
      transferLogfile: 'item-TRANSFER_AccountRemoteUser_olduser',
      startedAt: null,
      finishedAt: null,
    });
    expect(item?.transfer.childNumber).toBe(1);
    expect(parsed.progress.queues[0]).toMatchObject({ completedBytes: 4096, totalBytes: 4096, percent: 100 });
    expect(parsed.progress.percent).toBe(50);
  });

  it('keeps unknown actions as generic events with their msg', () => {
    const unknown = parsed.events.find((event) => event.action === 'rate-limit');
    expect(unknown).toMatchObject({
      type: 'control',
      queue: 'TRANSFER',
      childNumber: 1,
      message: null,
      msg: { bytes_per_second: 100 },
    });
  });

  it('accepts the version as a number, a lower-case queue name and a pkgacct-style timestamp', () => {
    const { session, events } = parseTransferLog(
      [
        line({ pid: 1, type: 'control', timestamp: '2020-03-23 10:43:28 -0500', contents: { action: 'start', child_number: 0 } }),
        line({ pid: 1, type: 'control', contents: { action: 'version', child_number: 0, msg: 2.3, time: '1598991042' } }),
        line({ pid: 1, type: 'control', contents: { action: 'queue_size', queue: 'restore', child_number: 0, msg: 77 } }),
      ].join('\n'),
    );
    expect(session.version).toBe('2.3');
    expect(session.startedAt).toEqual(new Date('2020-03-23T15:43:28Z'));
    expect(events[1]?.at).toEqual(new Date(1_598_991_042_000));
    expect(session.queues.RESTORE.totalBytes).toBe(77);
    expect(session.lastEventAt).toEqual(new Date(1_598_991_042_000));
  });

  it('infers the queue and module of an item line from its logfile name', () => {
    const { items } = parseTransferLog(
      line({
        pid: 3,
        type: 'control',
        contents: { action: 'failed-item', item: 'x', logfile: 'item-RESTORE_AccountLocal_x', msg: 'no space left' },
      }),
    );
    expect(items[0]).toMatchObject({
      key: 'AccountLocal:x',
      state: 'FAILED',
      failure: 'no space left',
      restoreLogfile: 'item-RESTORE_AccountLocal_x',
    });
  });
});

describe('garbage, blank and truncated lines', () => {
  const good = line({ pid: 7, type: 'control', contents: { action: 'initiator', child_number: 0, msg: 'copyacct' } });
  const text = [
    '',
    'not json at all',
    good,
    '   ',
    '[1,2,3]',
    'null',
    line({ pid: 7, type: 'out' }),
    '{"pid":7,"contents":{"action":"remotehost","msg":"h.example"}}\r',
    '{"pid":7,"type":"control","contents":{"action":"queue_size","queue":"TRANS', // cut by the writer
  ].join('\n');

  it('skips and counts what it cannot use, never throwing', () => {
    const parsed = parseTransferLog(text);
    expect(parsed.lineCount).toBe(9);
    expect(parsed.events.map((event) => event.action)).toEqual(['initiator', 'remotehost']);
    expect(parsed.session.initiator).toBe('copyacct');
    expect(parsed.session.remoteHost).toBe('h.example');
    expect(parsed.skippedLineCount).toBe(7);
    expect(parsed.skippedLines.map((skipped) => [skipped.line, skipped.reason])).toEqual([
      [1, 'blank'],
      [2, 'invalid-json'],
      [4, 'blank'],
      [5, 'not-an-object'],
      [6, 'not-an-object'],
      [7, 'no-contents'],
      [9, 'truncated'],
    ]);
    expect(parsed.truncatedLastLine).toBe(true);
  });

  it('treats a bad line in the middle as invalid, not truncated', () => {
    const parsed = parseTransferLog(`{"pid":1,"contents":{"act\n${good}\n`);
    expect(parsed.skippedLines[0]?.reason).toBe('invalid-json');
    expect(parsed.truncatedLastLine).toBe(false);
    expect(parsed.events).toHaveLength(1);
  });

  it('keeps a complete last line that has no newline yet', () => {
    const parsed = parseTransferLog(good);
    expect(parsed.truncatedLastLine).toBe(false);
    expect(parsed.events).toHaveLength(1);
  });

  it('caps the skipped-line details but counts them all', () => {
    const parsed = parseTransferLogEvents('x\n'.repeat(MAX_SKIPPED_DETAILS + 50));
    expect(parsed.skippedLineCount).toBe(MAX_SKIPPED_DETAILS + 50);
    expect(parsed.skippedLines).toHaveLength(MAX_SKIPPED_DETAILS);
  });

  it('survives arbitrary input', () => {
    // A small deterministic generator of JSON-ish noise.
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = '{}[]":,0123456789.-abcdefnulltrue \n\\"\u201c\u201d';
    const pieces = [
      good,
      '{"contents":{"action":"failed-item","item":null,"msg":{"size":-1}}}',
      '{"contents":{"msg":{"contents":[1]}}}',
    ];
    for (let round = 0; round < 200; round += 1) {
      let noise = '';
      for (let index = 0; index < 80; index += 1) {
        noise +=
          next() < 0.1 ? `\n${pieces[Math.floor(next() * pieces.length)]}\n` : alphabet[Math.floor(next() * alphabet.length)];
      }
      const parsed = parseTransferLog(noise);
      expect(Number.isNaN(parsed.progress.percent)).toBe(false);
      expect(parsed.progress.percent).toBeGreaterThanOrEqual(0);
      expect(parsed.progress.percent).toBeLessThanOrEqual(100);
    }
  });
});

describe('an empty log', () => {
  it.each([
    ['empty', ''],
    ['only a newline', '\n'],
  ])('%s gives empty facts and 0 %% progress, not NaN', (_label, text) => {
    const parsed = parseTransferLog(text);
    expect(parsed.events).toEqual([]);
    expect(parsed.items).toEqual([]);
    expect(parsed.session).toMatchObject({
      initiator: null,
      version: null,
      remoteHost: null,
      startedAt: null,
      completed: false,
      masterPid: null,
      pids: [],
    });
    expect(parsed.progress).toEqual({
      queues: [
        { queue: 'TRANSFER', totalItems: 0, completedItems: 0, failedItems: 0, totalBytes: 0, completedBytes: 0, percent: 0 },
        { queue: 'RESTORE', totalItems: 0, completedItems: 0, failedItems: 0, totalBytes: 0, completedBytes: 0, percent: 0 },
      ],
      totalBytes: 0,
      completedBytes: 0,
      percent: 0,
      complete: false,
    });
    expect(parsed.truncatedLastLine).toBe(false);
  });

  it('counts a lone newline as one blank line, and an empty string as no line', () => {
    expect(parseTransferLog('').lineCount).toBe(0);
    expect(parseTransferLog('\n').skippedLineCount).toBe(1);
  });
});
