// The session state machine of REFERENCE §1.1 (can_change_state of the real server).
import type { SessionStateName } from './types.js';

const ABORTABLE: ReadonlySet<SessionStateName> = new Set(['PENDING', 'RUNNING', 'PAUSING', 'PAUSED']);

/** can_change_state of the real server. */
export function canChangeState(from: SessionStateName, to: SessionStateName): boolean {
  if (from === to || to === 'FAILED') return true;
  switch (to) {
    case 'ABORTED':
      return from === 'ABORTING';
    case 'COMPLETED':
      return from === 'RUNNING';
    case 'PAUSED':
      return from === 'PAUSING';
    case 'ABORTING':
      return ABORTABLE.has(from);
    case 'PAUSING':
      return from === 'RUNNING';
    case 'RUNNING':
      return from === 'PAUSED' || from === 'PENDING';
    default:
      return false;
  }
}

/** A move the simulator makes itself; one §1.1 forbids is a simulator bug, so it throws. */
export function checkedTransition(from: SessionStateName, to: SessionStateName): SessionStateName {
  if (!canChangeState(from, to)) throw new Error(`Simulator bug: a session cannot go from ${from} to ${to} (REFERENCE §1.1).`);
  return to;
}
