// Session and item states as WHM really uses them (REFERENCE §1.1, §1.2), as open enums: a value this
// code does not know becomes 'UNKNOWN' with the raw text kept beside it, so a newer server never breaks us.
// The spec's `state_name` enum mixes item states into session states; these are the two real sets.

/** Session states returned by `get_transfer_session_state`, in the order of their numeric codes. */
export const TRANSFER_SESSION_STATES = [
  'PENDING',
  'REACHEDMAXMEM',
  'RUNNING',
  'PAUSING',
  'ABORTING',
  'PAUSED',
  'COMPLETED',
  'ABORTED',
  'FAILED',
] as const;
export type TransferSessionState = (typeof TRANSFER_SESSION_STATES)[number];

/** The numeric code WHM stores for each session state (Whostmgr::Transfers::SessionBase). */
export const TRANSFER_SESSION_STATE_CODES: Readonly<Record<TransferSessionState, number>> = {
  PENDING: 0,
  REACHEDMAXMEM: 10,
  RUNNING: 20,
  PAUSING: 50,
  ABORTING: 60,
  PAUSED: 70,
  COMPLETED: 100,
  ABORTED: 150,
  FAILED: 200,
};

/** States after which a session never changes again: nothing more to poll. */
const TERMINAL_SESSION_STATES: ReadonlySet<TransferSessionState | 'UNKNOWN'> = new Set(['COMPLETED', 'ABORTED', 'FAILED']);

/** Per-item queue states: TRANSFER_PENDING → TRANSFER_INPROGRESS → RESTORE_PENDING → RESTORE_INPROGRESS → COMPLETED, or FAILED. */
export const TRANSFER_ITEM_STATES = [
  'TRANSFER_PENDING',
  'TRANSFER_INPROGRESS',
  'RESTORE_PENDING',
  'RESTORE_INPROGRESS',
  'COMPLETED',
  'FAILED',
] as const;
export type TransferItemState = (typeof TRANSFER_ITEM_STATES)[number];

export const TRANSFER_ITEM_STATE_CODES: Readonly<Record<TransferItemState, number>> = {
  TRANSFER_PENDING: 0,
  TRANSFER_INPROGRESS: 10,
  RESTORE_PENDING: 30,
  RESTORE_INPROGRESS: 40,
  COMPLETED: 100,
  FAILED: 200,
};

const TERMINAL_ITEM_STATES: ReadonlySet<TransferItemState | 'UNKNOWN'> = new Set(['COMPLETED', 'FAILED']);

/** An open-enum reading: the known state (or 'UNKNOWN') plus the text WHM actually sent. */
export interface OpenEnumValue<TState extends string> {
  state: TState | 'UNKNOWN';
  raw: string;
}
export type TransferSessionStateValue = OpenEnumValue<TransferSessionState>;
export type TransferItemStateValue = OpenEnumValue<TransferItemState>;

/**
 * Reads a session `state_name`. Case and surrounding spaces are forgiven, and the numeric code is
 * accepted too (the state is stored as a number, so a raw code may leak through).
 */
export function toSessionState(raw: string): TransferSessionStateValue {
  return { state: matchState(raw, TRANSFER_SESSION_STATES, TRANSFER_SESSION_STATE_CODES), raw };
}

/** Reads an item queue state name (or its numeric code). */
export function toItemState(raw: string): TransferItemStateValue {
  return { state: matchState(raw, TRANSFER_ITEM_STATES, TRANSFER_ITEM_STATE_CODES), raw };
}

/** COMPLETED, ABORTED and FAILED are final; UNKNOWN is not claimed to be (keep polling, with a limit). */
export function isTerminalSessionState(state: TransferSessionState | 'UNKNOWN' | TransferSessionStateValue): boolean {
  return TERMINAL_SESSION_STATES.has(typeof state === 'string' ? state : state.state);
}

/** COMPLETED and FAILED are final for an item. */
export function isTerminalItemState(state: TransferItemState | 'UNKNOWN' | TransferItemStateValue): boolean {
  return TERMINAL_ITEM_STATES.has(typeof state === 'string' ? state : state.state);
}

export function isTransferSessionState(value: string): value is TransferSessionState {
  return (TRANSFER_SESSION_STATES as readonly string[]).includes(value);
}

export function isTransferItemState(value: string): value is TransferItemState {
  return (TRANSFER_ITEM_STATES as readonly string[]).includes(value);
}

function matchState<TState extends string>(
  raw: string,
  names: readonly TState[],
  codes: Readonly<Record<TState, number>>,
): TState | 'UNKNOWN' {
  const normalized = raw.trim().toUpperCase();
  const byName = names.find((name) => name === normalized);
  if (byName !== undefined) return byName;
  if (/^\d+$/.test(normalized)) {
    const code = Number(normalized);
    const byCode = names.find((name) => codes[name] === code);
    if (byCode !== undefined) return byCode;
  }
  return 'UNKNOWN';
}
