// What every WHM function handler receives, and the session lookups several of them share.
import { SESSION_ID_PATTERN } from '../../transfer/session-id.js';
import { xid } from '../envelope.js';
import type { FunctionResult } from '../envelope.js';
import type { Args } from '../params.js';
import type { TransferSession } from '../sessions.js';
import type { SimulatorState } from '../state.js';

export interface CallContext {
  args: Args;
  /** Authenticated WHM user. */
  user: string;
  isRoot: boolean;
  state: SimulatorState;
  /** Simulated time of the call (ms). */
  now: number;
}

export type FunctionHandler = (context: CallContext) => FunctionResult;

export type SessionLookup = { ok: true; session: TransferSession } | { ok: false; reason: string };

/** setup_session_obj: validates the ID, then finds the session advanced to `now`. */
export function lookupSession(context: CallContext, id: string | undefined): SessionLookup {
  const given = id ?? '';
  if (!SESSION_ID_PATTERN.test(given)) {
    return { ok: false, reason: xid(`The session ID “${given}” may only contain alphanumeric characters and underscores.`) };
  }
  // Restore-queue sessions are created lazily, so let the queue catch up first.
  context.state.restoreQueue.advance(context.now);
  const session = context.state.sessions.get(given);
  if (session === undefined) return { ok: false, reason: xid(`The session ID “${given}” does not exist.`) };
  session.advance(context.now);
  return { ok: true, session };
}
