/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Item states: each item goes through the TRANSFER queue, then the RESTORE queue. */
export type TransferItemState =
  /** Done. */
  | 'COMPLETED'
  /** Failed; see `failure`. */
  | 'FAILED'
  /** Being restored. */
  | 'RESTORE_INPROGRESS'
  /** Transferred, waiting to be restored. */
  | 'RESTORE_PENDING'
  /** Being transferred. */
  | 'TRANSFER_INPROGRESS'
  /** Queued, not yet transferred. */
  | 'TRANSFER_PENDING'
  /** WHM logged something this gateway does not understand. */
  | 'UNKNOWN';

/** Which of a session's two queues: items are transferred first, then restored. */
export type TransferQueue =
  | 'RESTORE'
  | 'TRANSFER';

/** How a session was created. */
export type TransferSessionKind =
  /** A restore from a backup or cpmove archive on this server. */
  | 'RESTORE'
  /** A transfer from a remote server with root (or escalated) access. */
  | 'ROOT'
  /** A transfer of one account using that account's own credentials. */
  | 'USER';

/** Session states, as real WHM servers report them (the published spec's enum mixes in item states). */
export type TransferSessionState =
  /** Stopped for good by an abort. */
  | 'ABORTED'
  /** An abort was asked for. */
  | 'ABORTING'
  /** All queues done. Individual items may still have failed: look at `items`. */
  | 'COMPLETED'
  /** Failed (also set by WHM when pausing or aborting a session that was not running). */
  | 'FAILED'
  /** Paused; start it again to resume. */
  | 'PAUSED'
  /** A pause was asked for; running items finish first. */
  | 'PAUSING'
  /** Created, not started; items may be queued. */
  | 'PENDING'
  /** WHM's internal memory guard state. */
  | 'REACHEDMAXMEM'
  /** Transferring and restoring. */
  | 'RUNNING'
  /** A state this gateway does not know; `stateName` holds WHM's text. */
  | 'UNKNOWN';

export type SessionMonitorQueryVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type SessionMonitorQuery = { transferSession: { id: string, state: TransferSessionState | null, stateName: string | null, isFinished: boolean | null, createdAt: string | null, server: { name: string }, progress: { percent: number, completed: boolean, queues: Array<{ queue: TransferQueue, percent: number, completedItems: number, totalItems: number, failedItems: number }> } | null, items: Array<{ module: string, name: string, state: TransferItemState, failure: string | null }> | null } | null };

export type RecentSessionsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type RecentSessionsQuery = { transferSessions: { totalCount: number, nodes: Array<{ id: string, kind: TransferSessionKind, state: TransferSessionState | null, remoteHost: string | null, createdAt: string | null }> } };

export type SessionUpdatedSubscriptionVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type SessionUpdatedSubscription = { transferSessionUpdated: { id: string, state: TransferSessionState | null, isFinished: boolean | null, progress: { percent: number } | null, live: { polling: boolean, nextPollAt: string | null, lastError: { code: string, message: string } | null } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const SessionMonitorDocument = new TypedDocumentString(`
    query SessionMonitor($id: ID!, $server: ID) {
  transferSession(id: $id, server: $server) {
    id
    server {
      name
    }
    state
    stateName
    isFinished
    createdAt
    progress {
      percent
      completed
      queues {
        queue
        percent
        completedItems
        totalItems
        failedItems
      }
    }
    items {
      module
      name
      state
      failure
    }
  }
}
    `, {"hash":"sha256:191514bdb82559ac4072e2005ec2e967df8d6673d14968ab5415d72d519439bc"}) as unknown as TypedDocumentString<SessionMonitorQuery, SessionMonitorQueryVariables>;
export const RecentSessionsDocument = new TypedDocumentString(`
    query RecentSessions($first: Int) {
  transferSessions(first: $first) {
    totalCount
    nodes {
      id
      kind
      state
      remoteHost
      createdAt
    }
  }
}
    `, {"hash":"sha256:1d40709a2d040a4848147865e2df3d5430838b066385dca82aca4f6f69b036ed"}) as unknown as TypedDocumentString<RecentSessionsQuery, RecentSessionsQueryVariables>;
export const SessionUpdatedDocument = new TypedDocumentString(`
    subscription SessionUpdated($id: ID!, $server: ID) {
  transferSessionUpdated(id: $id, server: $server) {
    id
    state
    isFinished
    progress {
      percent
    }
    live {
      polling
      nextPollAt
      lastError {
        code
        message
      }
    }
  }
}
    `, {"hash":"sha256:fe82f3f2dd40671343063506301c6e4ba6550226bf4f44b226e72e52aed3c1b5"}) as unknown as TypedDocumentString<SessionUpdatedSubscription, SessionUpdatedSubscriptionVariables>;