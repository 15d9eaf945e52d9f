// WHM API 1 response envelopes (REFERENCE §3.3, §3.4) and the wire quirks switches.
import { randomInt } from 'node:crypto';
import type { Quirks } from './types.js';

/** Every quirk off: the envelopes of a current WHM. */
export const DEFAULT_QUIRKS: Readonly<Quirks> = {
  stringNumbers: false,
  stringResult: false,
  warningsAsString: false,
  noData: false,
  nullData: false,
  dataReason: false,
};
export const QUIRK_NAMES = Object.keys(DEFAULT_QUIRKS) as (keyof Quirks)[];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface OutputMetadata {
  warnings?: string[];
  messages?: string[];
  raw?: string;
}

/** What a function handler produces; rendered into an envelope by `renderEnvelope`. */
export interface FunctionResult {
  result: 0 | 1;
  reason: string;
  /** Absent means the envelope has no `data` key at all. */
  data?: JsonObject;
  output?: OutputMetadata;
  /** Restore-queue functions copy metadata from helper text output, so it is all strings (quirk 12). */
  stringMetadata?: boolean;
  /** `data` already holds rendered envelopes (batch): the quirks must not touch it again. */
  dataIsRendered?: boolean;
}

export function success(data?: JsonObject, reason = 'OK'): FunctionResult {
  return data === undefined ? { result: 1, reason } : { result: 1, reason, data };
}

export function failure(reason: string, data?: JsonObject): FunctionResult {
  return data === undefined ? { result: 0, reason } : { result: 0, reason, data };
}

const XID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** cPanel exception objects carry an error id: "(XID abc234) message". */
export function xid(message: string): string {
  let id = '';
  for (let index = 0; index < 6; index += 1) id += XID_ALPHABET[randomInt(XID_ALPHABET.length)];
  return `(XID ${id}) ${message}`;
}

/**
 * Thrown by handlers for what the real server reports as an uncaught exception:
 * the reason becomes "API failure: <message>".
 */
export class ApiFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** MissingParameter: "(XID …) Provide the “name” parameter." */
export function missingParameter(name: string): ApiFailure {
  return new ApiFailure(xid(`Provide the “${name}” parameter.`));
}

/** get_length_required_argument: missing → MissingParameter, empty → Empty. */
export function requireLength(value: string | undefined, name: string): string {
  if (value === undefined) throw missingParameter(name);
  if (value === '') throw new ApiFailure(xid(`The value of “${name}” may not be empty.`));
  return value;
}

/** `{data?, metadata}`; `data` is left out entirely when the function returned none. */
export function renderEnvelope(command: string, outcome: FunctionResult, quirks: Quirks): JsonObject {
  const failed = outcome.result === 0;
  const metadata: JsonObject = { command, reason: failed && quirks.dataReason ? '' : outcome.reason };
  if (outcome.stringMetadata === true || quirks.stringResult) {
    metadata['result'] = String(outcome.result);
  } else {
    metadata['result'] = outcome.result;
  }
  metadata['version'] = 1;
  if (outcome.output !== undefined) {
    const output: JsonObject = {};
    const { warnings, messages, raw } = outcome.output;
    if (warnings !== undefined) output['warnings'] = quirks.warningsAsString ? warnings.join('\n') : warnings;
    if (messages !== undefined) output['messages'] = messages;
    if (raw !== undefined) output['raw'] = raw;
    metadata['output'] = output;
  }
  const data = renderData(outcome, quirks);
  return data === undefined ? { metadata } : { data, metadata };
}

/** The `data` of an envelope after the quirks; undefined: no `data` key. */
function renderData(outcome: FunctionResult, quirks: Quirks): JsonValue | undefined {
  // A batch's own data already holds rendered sub-envelopes (the quirks reached them there), and
  // without it the sub-results would be lost, so the data quirks leave it alone.
  const rendered = outcome.dataIsRendered === true;
  if (outcome.result === 1 && !rendered) {
    if (quirks.noData) return undefined;
    if (quirks.nullData) return null;
  }
  const data =
    outcome.data === undefined || rendered || !quirks.stringNumbers
      ? outcome.data
      : (stringifyNumbers(outcome.data) as JsonObject);
  return outcome.result === 0 && quirks.dataReason ? { ...data, reason: outcome.reason } : data;
}

function stringifyNumbers(value: JsonValue): JsonValue {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(stringifyNumbers);
  if (value !== null && typeof value === 'object') {
    const converted: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) converted[key] = stringifyNumbers(inner);
    return converted;
  }
  return value;
}
