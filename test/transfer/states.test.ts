// Session and item states as open enums (REFERENCE §1.1, §1.2).
import { describe, expect, it } from 'vitest';
import {
  TRANSFER_ITEM_STATES,
  TRANSFER_SESSION_STATES,
  isTerminalItemState,
  isTerminalSessionState,
  isTransferItemState,
  isTransferSessionState,
  toItemState,
  toSessionState,
} from '../../src/transfer/index.js';

describe('session states', () => {
  it('are the nine real names, not the spec mix of session and item states', () => {
    expect(TRANSFER_SESSION_STATES).toEqual([
      'PENDING',
      'REACHEDMAXMEM',
      'RUNNING',
      'PAUSING',
      'ABORTING',
      'PAUSED',
      'COMPLETED',
      'ABORTED',
      'FAILED',
    ]);
    expect(isTransferSessionState('TRANSFER_INPROGRESS')).toBe(false);
    expect(isTransferSessionState('PAUSING')).toBe(true);
  });

  it('reads each known name and keeps the raw text', () => {
    for (const state of TRANSFER_SESSION_STATES) expect(toSessionState(state)).toEqual({ state, raw: state });
    expect(toSessionState(' running ')).toEqual({ state: 'RUNNING', raw: ' running ' });
  });

  it('reads numeric codes', () => {
    expect(toSessionState('20').state).toBe('RUNNING');
    expect(toSessionState('150').state).toBe('ABORTED');
    expect(toSessionState('999').state).toBe('UNKNOWN');
  });

  it('maps anything else to UNKNOWN with the raw string beside it', () => {
    expect(toSessionState('TRANSFER_INPROGRESS')).toEqual({ state: 'UNKNOWN', raw: 'TRANSFER_INPROGRESS' });
    expect(toSessionState('HIBERNATING')).toEqual({ state: 'UNKNOWN', raw: 'HIBERNATING' });
    expect(toSessionState('')).toEqual({ state: 'UNKNOWN', raw: '' });
  });

  it('knows which states are final', () => {
    const terminal = TRANSFER_SESSION_STATES.filter((state) => isTerminalSessionState(state));
    expect(terminal).toEqual(['COMPLETED', 'ABORTED', 'FAILED']);
    expect(isTerminalSessionState('UNKNOWN')).toBe(false);
    expect(isTerminalSessionState(toSessionState('aborted'))).toBe(true);
    expect(isTerminalSessionState(toSessionState('PAUSED'))).toBe(false);
  });
});

describe('item states', () => {
  it('follow the two queues in order', () => {
    expect(TRANSFER_ITEM_STATES).toEqual([
      'TRANSFER_PENDING',
      'TRANSFER_INPROGRESS',
      'RESTORE_PENDING',
      'RESTORE_INPROGRESS',
      'COMPLETED',
      'FAILED',
    ]);
    expect(isTransferItemState('RUNNING')).toBe(false);
  });

  it('read names and codes, UNKNOWN otherwise', () => {
    expect(toItemState('restore_pending')).toEqual({ state: 'RESTORE_PENDING', raw: 'restore_pending' });
    expect(toItemState('40').state).toBe('RESTORE_INPROGRESS');
    expect(toItemState('200').state).toBe('FAILED');
    expect(toItemState('PAUSED')).toEqual({ state: 'UNKNOWN', raw: 'PAUSED' });
  });

  it('are final when COMPLETED or FAILED', () => {
    expect(TRANSFER_ITEM_STATES.filter((state) => isTerminalItemState(state))).toEqual(['COMPLETED', 'FAILED']);
    expect(isTerminalItemState(toItemState('nonsense'))).toBe(false);
  });
});
