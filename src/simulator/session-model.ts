// The data of a transfer session and its items, and what a session needs from the simulated world.
// Kept apart from the session class so the processor and the world can use them without import cycles.
import type { SessionLogs } from './logs.js';
import type { ItemQueueState, RemoteSource } from './types.js';

export type SessionKind = 'RemoteRoot' | 'RemoteUser' | 'LocalRestore';

export interface SessionOptions {
  unrestricted: 0 | 1;
  skipres: 0 | 1;
  uncompressed: 0 | 1;
  ssl: 0 | 1;
  backups: 0 | 1;
  lowPriority: 0 | 1;
  customPkgacct: 0 | 1;
  commTransport: string;
  port: number;
}

/** Options of sessions that need no remote login (restores, user sessions): unrestricted, over SSL. */
export const UNRESTRICTED_SESSION_OPTIONS: Readonly<SessionOptions> = {
  unrestricted: 1,
  skipres: 0,
  uncompressed: 0,
  ssl: 1,
  backups: 0,
  lowPriority: 0,
  customPkgacct: 0,
  commTransport: 'ssh',
  port: 22,
};

/** What happens to an item, decided when its transfer starts. */
export interface ItemPlan {
  transferMs: number;
  restoreMs: number;
  transferFailure?: string;
  restoreFailure?: string;
  warnings: string[];
}

export interface TransferItem {
  seq: number;
  module: string;
  /** Value of the module's primary key (the `item` of log lines). */
  key: string;
  localItem: string;
  params: Record<string, string>;
  /** The `size` parameter (bytes, default 1) that log lines and queue sizes report. */
  size: number;
  priority: number;
  state: ItemQueueState;
  failure?: string;
  plan?: ItemPlan;
}

/** The facts about a session that decide what happens to its items. */
export interface SessionFacts {
  readonly kind: SessionKind;
  /** Source host exactly as the caller gave it (null for local restores). */
  readonly remoteHost: string | null;
  readonly source: RemoteSource | undefined;
  /** The login used on the source (root, an escalating user, or the cPanel account). */
  readonly remoteUser: string | undefined;
}

/** What a session needs from the rest of the simulated world. */
export interface SessionWorld {
  allocatePid(): number;
  /** pid of the API process, used for log lines written without a running processor. */
  readonly apiPid: number;
  planItem(session: SessionFacts, item: TransferItem): ItemPlan;
  onItemRestored(session: SessionFacts, item: TransferItem): void;
}

export interface SessionInit {
  id: string;
  kind: SessionKind;
  initiator: string;
  createdAt: number;
  /** Creator's WHM user. */
  creator: string;
  /** Source host exactly as the caller gave it (null for local restores). */
  remoteHost: string | null;
  source?: RemoteSource;
  /** The login used on the source (root, an escalating user, or the cPanel account). */
  remoteUser?: string;
  options: SessionOptions;
  transferThreads: number;
  restoreThreads: number;
}

/** What the processor reads and writes of its session. */
export interface ProcessorSession extends SessionFacts {
  readonly initiator: string;
  readonly transferThreads: number;
  readonly restoreThreads: number;
  readonly items: TransferItem[];
  readonly logs: SessionLogs;
}

/** How a run ended; the master has written the matching line (`abort`, `pause` or `complete`). */
export type ProcessorExit = 'aborted' | 'paused' | 'completed';
