// Typed registry failures. Messages name servers and session ids only: the registry holds no secrets.

export abstract class RegistryError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A caller passed something the registry cannot accept; maps to a GraphQL BAD_USER_INPUT. */
export class RegistryInputError extends RegistryError {
  readonly code: string = 'BAD_USER_INPUT';
  /** The offending argument, e.g. "sessionId" or "first". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** `after` is not a cursor this registry produced (or it was altered). */
export class InvalidCursorError extends RegistryInputError {
  constructor(detail: string) {
    super('after', `Invalid pagination cursor: ${detail}. Pass an endCursor returned by a previous page.`);
  }
}

/** Items or state were recorded for a session that was never recorded. */
export class SessionNotFoundError extends RegistryError {
  readonly code = 'SESSION_NOT_FOUND';
  readonly server: string;
  readonly sessionId: string;

  constructor(server: string, sessionId: string) {
    super(`Transfer session ${sessionId} on server ${server} is not in the registry; record the session first.`);
    this.server = server;
    this.sessionId = sessionId;
  }
}

/** The same (server, id) was recorded again with a different kind: a caller bug, never silently merged. */
export class SessionKindConflictError extends RegistryError {
  readonly code = 'SESSION_KIND_CONFLICT';

  constructor(server: string, sessionId: string, recordedKind: string, requestedKind: string) {
    super(`Transfer session ${sessionId} on server ${server} is already recorded as ${recordedKind}, not ${requestedKind}.`);
  }
}

export class RegistryClosedError extends RegistryError {
  readonly code = 'REGISTRY_CLOSED';

  constructor() {
    super('The session registry is closed.');
  }
}

/** Why a registry data directory cannot be used; the message says which directory and what to do. */
export type RegistryDirectoryProblem = 'locked' | 'damaged' | 'inaccessible';

/**
 * The data directory is in use by another process, damaged, or not ours to secure. The message is
 * one line meant for an operator, e.g. printed as it is by the entry point before exiting.
 */
export class RegistryDirectoryError extends RegistryError {
  readonly code = 'REGISTRY_DIRECTORY_UNUSABLE';
  readonly directory: string;
  readonly problem: RegistryDirectoryProblem;

  constructor(directory: string, problem: RegistryDirectoryProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.directory = directory;
    this.problem = problem;
  }
}

/** The PostgreSQL server of the registry cannot be reached (or the settings for it are wrong). */
export class RegistryConnectionError extends RegistryError {
  readonly code = 'REGISTRY_UNAVAILABLE';
}

/** The schema could not be brought up to date (or the database is newer than this gateway). */
export class MigrationError extends RegistryError {
  readonly code = 'REGISTRY_MIGRATION_FAILED';
}
