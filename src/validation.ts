// Input checks made before any WHM call: a bad input costs the caller a BAD_USER_INPUT error that
// names the field, and costs WHM nothing.
import { isIP } from 'node:net';
import { badUserInput } from './errors.js';
import { SESSION_ID_PATTERN } from './transfer/session-id.js';

export type FieldPath = readonly (string | number)[];

export const LIMITS = {
  usernamesPerQuery: 1000,
  itemsPerEnqueue: 1000,
  logTailLines: 100_000,
  pageSize: 100,
  eventsLast: 10_000,
  threads: 20,
  textLength: 1024,
} as const;

// Wide enough for every name WHM can judge (validate_system_user answers "not valid" itself for
// names its rules refuse); narrow enough to keep separators and control characters out of WHM calls.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_SESSION_ID_LENGTH = 64;
const MODULE_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const LOG_FILE = /^(master\.log|master\.error_log|item-(TRANSFER|RESTORE)_[A-Za-z0-9]+_[A-Za-z0-9._-]{1,128})$/;
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function checkUsername(value: string, field: FieldPath): string {
  if (!USERNAME.test(value)) {
    throw badUserInput(
      `"${value.slice(0, 80)}" is not a username: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
      field,
    );
  }
  return value;
}

export function checkSessionId(value: string, field: FieldPath): string {
  if (!SESSION_ID_PATTERN.test(value) || value.length > MAX_SESSION_ID_LENGTH) {
    throw badUserInput('A transfer session ID has 1–64 letters, digits and underscores.', field);
  }
  return value;
}

export function checkHost(value: string, field: FieldPath): string {
  const host = value.trim();
  const isHostname = host.length <= 253 && host.split('.').every((label) => HOST_LABEL.test(label));
  if (isIP(host) === 0 && !isHostname) {
    throw badUserInput(`"${host.slice(0, 80)}" is not a host name or IP address.`, field);
  }
  return host;
}

export function checkIp(value: string, field: FieldPath): string {
  if (isIP(value) === 0) throw badUserInput(`"${value.slice(0, 80)}" is not an IP address.`, field);
  return value;
}

export function checkIntegerRange(value: number, min: number, max: number, field: FieldPath): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`Must be a whole number from ${min} to ${max}.`, field);
  }
  return value;
}

export function checkSize(value: number, field: FieldPath): number {
  if (!Number.isSafeInteger(value) || value < 1) throw badUserInput('A size is a whole number of bytes, at least 1.', field);
  return value;
}

export function checkListLength<T>(list: readonly T[], min: number, max: number, field: FieldPath): readonly T[] {
  if (list.length < min || list.length > max) {
    throw badUserInput(`Give ${min === max ? min : `${min} to ${max}`} entries (got ${list.length}).`, field);
  }
  return list;
}

export function checkModuleName(value: string, field: FieldPath): string {
  if (!MODULE_NAME.test(value)) throw badUserInput(`"${value.slice(0, 80)}" is not a module name.`, field);
  return value;
}

export function checkLogFile(value: string, field: FieldPath): string {
  if (!LOG_FILE.test(value)) {
    throw badUserInput('A log file is master.log, master.error_log or an item log named in master.log.', field);
  }
  return value;
}

/** Package, feature list and config item names. */
export function checkPlainName(value: string, field: FieldPath): string {
  if (!PLAIN_NAME.test(value)) throw badUserInput(`"${value.slice(0, 80)}" is not a valid name.`, field);
  return value;
}

/** Free text sent to WHM (restore points, mail locations): bounded, no control characters. */
export function checkText(value: string, field: FieldPath, { allowEmpty = false } = {}): string {
  if ((!allowEmpty && value.trim() === '') || value.length > LIMITS.textLength || CONTROL_CHARACTERS.test(value)) {
    throw badUserInput(`Must be ${allowEmpty ? '' : 'non-empty '}text of at most ${LIMITS.textLength} characters.`, field);
  }
  return value;
}

/** Passwords and passphrases: required non-empty; never echoed in the message. */
export function checkSecret(value: string, field: FieldPath): string {
  if (value === '' || value.length > LIMITS.textLength || CONTROL_CHARACTERS.test(value)) {
    throw badUserInput(`Must be a non-empty secret of at most ${LIMITS.textLength} characters.`, field);
  }
  return value;
}

export function checkAbsolutePath(value: string, field: FieldPath): string {
  if (!value.startsWith('/') || value.split('/').includes('..') || value.length > 4096 || CONTROL_CHARACTERS.test(value)) {
    throw badUserInput('Must be an absolute path without "..".', field);
  }
  return value;
}

export function checkMailLocation(value: string, field: FieldPath): string {
  if (value !== '.local' && value !== '.existing' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) {
    throw badUserInput('A mail location is ".local", ".existing" or a linked node alias.', field);
  }
  return value;
}
