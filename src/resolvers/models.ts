// The parent objects resolvers pass down: references that later fields load lazily (so loads batch
// across a whole tier), or raw WHM data with the server it came from.
import type { SessionSnapshot } from '../live/index.js';
import type { SessionRecord } from '../registry/index.js';
import type { TransferItemOutcome } from '../transfer/index.js';
import type * as T from '../whm/types.js';

/** A username and WHM's one answer about it (all flags come from that answer). */
export interface SystemUserModel {
  server: string;
  username: string;
  flags: T.ValidateSystemUserData;
}

export interface TransferSessionRef {
  server: string;
  id: string;
  /** The registry's record when the caller already has it (a listing); loaded otherwise. */
  record?: SessionRecord | null;
  /** A live poll's view (state, parsed log, poller health): fields use it instead of reading WHM. */
  snapshot?: SessionSnapshot;
}

export interface RemoteAnalysisModel {
  server: string;
  sessionId: string;
  data: T.RetrieveTransferSessionRemoteAnalysisData;
}

export interface RemoteAccountModel {
  server: string;
  account: T.RemoteAnalysisAccount;
  /** The analysis the account came from (its conflicts and the other source accounts), when known. */
  analysis?: T.RetrieveTransferSessionRemoteAnalysisData;
}

export interface AnalysisModuleModel {
  key: string;
  module: T.AnalysisModule;
}

/**
 * An item as the log reports it (with its session, whose item logs hold its warning texts), or as the
 * gateway enqueued it before the log mentions it.
 */
export type TransferItemModel =
  | { source: 'log'; session: { server: string; id: string }; outcome: TransferItemOutcome }
  | { source: 'registry'; module: string; name: string; localName: string | null; size: number | null };

export interface TransferModuleModel {
  server: string;
  name: string;
  priority: number;
}

export interface TransferModuleSchemaModel {
  module: string;
  schema: T.TransferModuleSchemaData['schema'];
}

export interface RestoreQueueModel {
  server: string;
}

export interface CompletedRestoreJobModel {
  server: string;
  completed: T.CompletedRestoreJob;
}

export interface BackupRestorePointModel {
  server: string;
  date: string;
}
