// Public shapes of the transfer-session registry. Deliberately no field can hold a password,
// API token or passphrase: the registry remembers what happened, never how to authenticate.
import type { IdempotencyKeys } from './idempotency-keys.js';
import type { WebhookOutbox } from './webhook-outbox-types.js';
import type { WriteJournal } from './write-journal.js';

/** ROOT and USER are remote transfer sessions (root or user credentials); RESTORE is a local restore. */
export type SessionKind = 'ROOT' | 'USER' | 'RESTORE';

export const SESSION_KINDS: readonly SessionKind[] = ['ROOT', 'USER', 'RESTORE'];

/** One item enqueued into a session (enqueue_transfer_item / restore queue). */
export interface EnqueuedItemRecord {
  /** WHM module, e.g. AccountRemoteRoot, PackageRemoteRoot, LegacyAccountBackup. */
  module: string;
  /** The user, package, feature list or config name on the source. */
  name: string;
  /** Name to create locally (`localuser`), when it differs or is known. */
  localName: string | null;
  /** Size in bytes as given to WHM, when known. */
  size: number | null;
  enqueuedAt: Date;
}

export type NewEnqueuedItem = Omit<EnqueuedItemRecord, 'enqueuedAt'>;

export interface SessionRecord {
  /** WHM transfer_session_id, ^[0-9A-Za-z_]+$. */
  id: string;
  /** Configured WHM server name (not its address or credentials). */
  server: string;
  kind: SessionKind;
  remoteHost: string | null;
  createdAt: Date;
  /** The gateway client identity that created or adopted it, not a credential. */
  createdBy: string | null;
  /** True when the session was created elsewhere and registered afterwards. */
  adopted: boolean;
  /** Last session state_name seen from WHM (open set: RUNNING, PAUSED, COMPLETED …). */
  lastState: string | null;
  lastSeenAt: Date | null;
  /** The session on the same server whose items this one retries (retryTransferItems); null otherwise. */
  retriedFrom: string | null;
  /** In enqueue order. */
  items: EnqueuedItemRecord[];
}

export interface NewSession {
  id: string;
  server: string;
  kind: SessionKind;
  remoteHost?: string | null;
  /** Defaults to now. */
  createdAt?: Date;
  createdBy?: string | null;
  /** Defaults to false. */
  adopted?: boolean;
  lastState?: string | null;
  /** Set once, at the first recording: the session this one retries (same server). */
  retriedFrom?: string | null;
}

export interface SessionKey {
  server: string;
  id: string;
}

/** Every given criterion must match; an absent or empty list does not constrain. */
export interface SessionFilter {
  server?: string;
  /** Only sessions on one of these servers (a caller limited to some servers); empty matches none. */
  servers?: readonly string[];
  /** Matches lastState; sessions never polled (lastState null) match no state. */
  states?: readonly string[];
  kinds?: readonly SessionKind[];
  /** Only retries of this session id (combine with `server`). */
  retriedFrom?: string;
}

export interface ListSessionsOptions {
  filter?: SessionFilter;
  /** Page size, 1..MAX_PAGE_SIZE. */
  first: number;
  /** endCursor of the previous page. */
  after?: string | null;
}

export interface SessionPage {
  sessions: SessionRecord[];
  /** Sessions matching the filter, ignoring pagination. */
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface SessionRegistry {
  /**
   * Idempotent on (server, id): re-recording keeps createdAt, createdBy, adopted and items, and fills in
   * remoteHost/lastState when new values are given. Recording an existing session with another kind fails.
   */
  recordSession(session: NewSession): Promise<SessionRecord>;
  /** Appends in order; an item whose (module, name) the session already has is ignored. */
  recordItems(server: string, sessionId: string, items: readonly NewEnqueuedItem[]): Promise<void>;
  /** Stores the state seen at seenAt (default now); an observation older than the stored one is ignored. */
  recordState(server: string, sessionId: string, state: string, seenAt?: Date): Promise<void>;
  get(server: string, sessionId: string): Promise<SessionRecord | null>;
  /** One query for all keys; results in key order, null where unknown (DataLoader batch function). */
  getMany(keys: readonly SessionKey[]): Promise<(SessionRecord | null)[]>;
  /** Newest first (createdAt, then id, then server, all descending); keyset pagination with opaque cursors. */
  list(options: ListSessionsOptions): Promise<SessionPage>;
  count(): Promise<number>;
  /** Writes to WHM: intent before, outcome after (nothing lost between WHM and the registry). */
  readonly writeJournal: WriteJournal;
  /** Mutations' idempotency keys and their first answers. */
  readonly idempotencyKeys: IdempotencyKeys;
  /** Webhook events waiting for (or past) delivery, and the session states webhooks reported. */
  readonly webhookOutbox: WebhookOutbox;
  close(): Promise<void>;
}
