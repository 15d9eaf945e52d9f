/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who may do what: VIEWER reads, OPERATOR runs the workflow, ADMIN may also destroy (abort, delete archives). */
export type Role =
  /** Everything, including destructive operations. */
  | 'ADMIN'
  /** Runs the workflow: creates, queues, starts, pauses and resumes sessions, restores accounts. */
  | 'OPERATOR'
  /** Read-only access: every query. */
  | 'VIEWER';

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

/**
 * Which sessions to list. WHM cannot list sessions, so this reads the gateway's registry; `states`
 * matches the state WHM reports now.
 */
export type TransferSessionFilter = {
  /** Only sessions of these kinds. */
  kinds?: Array<TransferSessionKind> | null | undefined;
  /** Only sessions on this server. */
  server?: string | number | null | undefined;
  /**
   * Only sessions WHM reports in one of these states now (unfinished sessions' states are read from WHM
   * in one batch per chunk of the listing). With `states`, a page may hold fewer than `first` sessions
   * while `hasNextPage` is true (the scan is bounded): go on from `endCursor`. `totalCount` then counts
   * by the states last seen, which the listing refreshes for the sessions it reads.
   */
  states?: Array<TransferSessionState> | null | undefined;
};

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

/** Stable codes of `UserError`. */
export type UserErrorCode =
  /** The session is not in a state that allows this (for example resuming a session that is not PAUSED). */
  | 'INVALID_STATE'
  /** The session or object named does not exist on that server. */
  | 'NOT_FOUND'
  /** The request was not sent because an earlier part failed. */
  | 'NOT_RUN'
  /** The gateway held the item back: a blocking plan issue (see `issues`); `force: true` sends it anyway. */
  | 'PLAN_ISSUE'
  /** The source refused the SSH login (password, key or passphrase). */
  | 'REMOTE_AUTH_REFUSED'
  /** The login worked, becoming root did not (su password, sudo rights, or no escalation method given). */
  | 'REMOTE_ESCALATION_REFUSED'
  /** The source host could not be reached: DNS, connection refused, timeout, no route. */
  | 'REMOTE_HOST_UNREACHABLE'
  /** WHM answered and refused (its `metadata.result` was 0); the message is WHM's reason. */
  | 'WHM_API_ERROR'
  /** WHM refused the gateway's credentials. */
  | 'WHM_AUTH_FAILED'
  /** WHM answered success without the data it must return; WHM may have acted (the message says what to check). */
  | 'WHM_PROTOCOL_ERROR'
  /** WHM did not answer in time; the message says whether WHM may have acted. */
  | 'WHM_TIMEOUT'
  /** The WHM request carrying this could not be completed (connection, TLS, HTTP 5xx, open circuit breaker). */
  | 'WHM_UNAVAILABLE';

export type DashboardEventFragment = { cursor: string, at: string | null, action: string, type: string, queue: TransferQueue | null, item: string | null, message: string | null };

export type DashboardSessionUpdatedSubscriptionVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type DashboardSessionUpdatedSubscription = { transferSessionUpdated: { id: string, kind: TransferSessionKind, state: TransferSessionState | null, stateName: string | null, isFinished: boolean | null, remoteHost: string | null, createdAt: string | null, createdBy: string | null, live: { polling: boolean, nextPollAt: string | null, lastError: { code: string, message: string } | null } | null, server: { name: string }, progress: { percent: number, totalBytes: number, completedBytes: number, completed: boolean, queues: Array<{ queue: TransferQueue, percent: number, totalBytes: number, completedBytes: number, totalItems: number, completedItems: number, failedItems: number }> } | null, items: Array<{ module: string, name: string, localName: string | null, size: number | null, state: TransferItemState, failure: string | null, warnings: Array<string>, warningCount: number }> | null } };

export type DashboardRecentEventsQueryVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
  last: number;
}>;


export type DashboardRecentEventsQuery = { transferSession: { id: string, events: Array<{ cursor: string, at: string | null, action: string, type: string, queue: TransferQueue | null, item: string | null, message: string | null }> | null } | null };

export type DashboardSessionEventsSubscriptionVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardSessionEventsSubscription = { transferSessionEvents: { cursor: string, at: string | null, action: string, type: string, queue: TransferQueue | null, item: string | null, message: string | null } };

export type DashboardWhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardWhoAmIQuery = { whoami: { id: string, role: Role, servers: Array<string> } };

export type DashboardSessionsQueryVariables = Exact<{
  filter?: TransferSessionFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type DashboardSessionsQuery = { transferSessions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, kind: TransferSessionKind, remoteHost: string | null, state: TransferSessionState | null, stateName: string | null, createdAt: string | null, server: { name: string }, progress: { percent: number } | null } }> } };

export type DashboardSessionFragment = { id: string, kind: TransferSessionKind, state: TransferSessionState | null, stateName: string | null, isFinished: boolean | null, remoteHost: string | null, createdAt: string | null, createdBy: string | null, server: { name: string }, progress: { percent: number, totalBytes: number, completedBytes: number, completed: boolean, queues: Array<{ queue: TransferQueue, percent: number, totalBytes: number, completedBytes: number, totalItems: number, completedItems: number, failedItems: number }> } | null, items: Array<{ module: string, name: string, localName: string | null, size: number | null, state: TransferItemState, failure: string | null, warnings: Array<string>, warningCount: number }> | null };

export type DashboardSteeringResultFragment = { warnings: Array<string>, session: { id: string, state: TransferSessionState | null, stateName: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> };

export type DashboardPauseMutationVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type DashboardPauseMutation = { pauseTransferSession: { warnings: Array<string>, session: { id: string, state: TransferSessionState | null, stateName: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type DashboardResumeMutationVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type DashboardResumeMutation = { resumeTransferSession: { warnings: Array<string>, session: { id: string, state: TransferSessionState | null, stateName: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

export type DashboardAbortMutationVariables = Exact<{
  id: string | number;
  server?: string | number | null | undefined;
}>;


export type DashboardAbortMutation = { abortTransferSession: { warnings: Array<string>, session: { id: string, state: TransferSessionState | null, stateName: string | null } | null, userErrors: Array<{ code: UserErrorCode, message: string }> } };

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
export const DashboardEventFragmentDoc = new TypedDocumentString(`
    fragment DashboardEvent on TransferEvent {
  cursor
  at
  action
  type
  queue
  item
  message
}
    `, {"fragmentName":"DashboardEvent"}) as unknown as TypedDocumentString<DashboardEventFragment, unknown>;
export const DashboardSessionFragmentDoc = new TypedDocumentString(`
    fragment DashboardSession on TransferSession {
  id
  server {
    name
  }
  kind
  state
  stateName
  isFinished
  remoteHost
  createdAt
  createdBy
  progress {
    percent
    totalBytes
    completedBytes
    completed
    queues {
      queue
      percent
      totalBytes
      completedBytes
      totalItems
      completedItems
      failedItems
    }
  }
  items {
    module
    name
    localName
    size
    state
    failure
    warnings
    warningCount
  }
}
    `, {"fragmentName":"DashboardSession"}) as unknown as TypedDocumentString<DashboardSessionFragment, unknown>;
export const DashboardSteeringResultFragmentDoc = new TypedDocumentString(`
    fragment DashboardSteeringResult on TransferSessionPayload {
  session {
    id
    state
    stateName
  }
  userErrors {
    code
    message
  }
  warnings
}
    `, {"fragmentName":"DashboardSteeringResult"}) as unknown as TypedDocumentString<DashboardSteeringResultFragment, unknown>;
export const DashboardSessionUpdatedDocument = new TypedDocumentString(`
    subscription DashboardSessionUpdated($id: ID!, $server: ID) {
  transferSessionUpdated(id: $id, server: $server) {
    ...DashboardSession
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
    fragment DashboardSession on TransferSession {
  id
  server {
    name
  }
  kind
  state
  stateName
  isFinished
  remoteHost
  createdAt
  createdBy
  progress {
    percent
    totalBytes
    completedBytes
    completed
    queues {
      queue
      percent
      totalBytes
      completedBytes
      totalItems
      completedItems
      failedItems
    }
  }
  items {
    module
    name
    localName
    size
    state
    failure
    warnings
    warningCount
  }
}`) as unknown as TypedDocumentString<DashboardSessionUpdatedSubscription, DashboardSessionUpdatedSubscriptionVariables>;
export const DashboardRecentEventsDocument = new TypedDocumentString(`
    query DashboardRecentEvents($id: ID!, $server: ID, $last: Int!) {
  transferSession(id: $id, server: $server) {
    id
    events(last: $last) {
      ...DashboardEvent
    }
  }
}
    fragment DashboardEvent on TransferEvent {
  cursor
  at
  action
  type
  queue
  item
  message
}`) as unknown as TypedDocumentString<DashboardRecentEventsQuery, DashboardRecentEventsQueryVariables>;
export const DashboardSessionEventsDocument = new TypedDocumentString(`
    subscription DashboardSessionEvents($id: ID!, $server: ID, $after: String) {
  transferSessionEvents(id: $id, server: $server, after: $after) {
    ...DashboardEvent
  }
}
    fragment DashboardEvent on TransferEvent {
  cursor
  at
  action
  type
  queue
  item
  message
}`) as unknown as TypedDocumentString<DashboardSessionEventsSubscription, DashboardSessionEventsSubscriptionVariables>;
export const DashboardWhoAmIDocument = new TypedDocumentString(`
    query DashboardWhoAmI {
  whoami {
    id
    role
    servers
  }
}
    `) as unknown as TypedDocumentString<DashboardWhoAmIQuery, DashboardWhoAmIQueryVariables>;
export const DashboardSessionsDocument = new TypedDocumentString(`
    query DashboardSessions($filter: TransferSessionFilter, $first: Int!, $after: String) {
  transferSessions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        server {
          name
        }
        kind
        remoteHost
        state
        stateName
        createdAt
        progress {
          percent
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSessionsQuery, DashboardSessionsQueryVariables>;
export const DashboardPauseDocument = new TypedDocumentString(`
    mutation DashboardPause($id: ID!, $server: ID) {
  pauseTransferSession(id: $id, server: $server) {
    ...DashboardSteeringResult
  }
}
    fragment DashboardSteeringResult on TransferSessionPayload {
  session {
    id
    state
    stateName
  }
  userErrors {
    code
    message
  }
  warnings
}`) as unknown as TypedDocumentString<DashboardPauseMutation, DashboardPauseMutationVariables>;
export const DashboardResumeDocument = new TypedDocumentString(`
    mutation DashboardResume($id: ID!, $server: ID) {
  resumeTransferSession(id: $id, server: $server) {
    ...DashboardSteeringResult
  }
}
    fragment DashboardSteeringResult on TransferSessionPayload {
  session {
    id
    state
    stateName
  }
  userErrors {
    code
    message
  }
  warnings
}`) as unknown as TypedDocumentString<DashboardResumeMutation, DashboardResumeMutationVariables>;
export const DashboardAbortDocument = new TypedDocumentString(`
    mutation DashboardAbort($id: ID!, $server: ID) {
  abortTransferSession(id: $id, server: $server) {
    ...DashboardSteeringResult
  }
}
    fragment DashboardSteeringResult on TransferSessionPayload {
  session {
    id
    state
    stateName
  }
  userErrors {
    code
    message
  }
  warnings
}`) as unknown as TypedDocumentString<DashboardAbortMutation, DashboardAbortMutationVariables>;