/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment DashboardEvent on TransferEvent {\n    cursor\n    at\n    action\n    type\n    queue\n    item\n    message\n  }\n": typeof types.DashboardEventFragmentDoc,
    "\n  subscription DashboardSessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      ...DashboardSession\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.DashboardSessionUpdatedDocument,
    "\n  query DashboardRecentEvents($id: ID!, $server: ID, $last: Int!) {\n    transferSession(id: $id, server: $server) {\n      id\n      events(last: $last) {\n        ...DashboardEvent\n      }\n    }\n  }\n": typeof types.DashboardRecentEventsDocument,
    "\n  subscription DashboardSessionEvents($id: ID!, $server: ID, $after: String) {\n    transferSessionEvents(id: $id, server: $server, after: $after) {\n      ...DashboardEvent\n    }\n  }\n": typeof types.DashboardSessionEventsDocument,
    "\n  query DashboardWhoAmI {\n    whoami {\n      id\n      role\n      servers\n    }\n  }\n": typeof types.DashboardWhoAmIDocument,
    "\n  query DashboardSessions($filter: TransferSessionFilter, $first: Int!, $after: String) {\n    transferSessions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          server {\n            name\n          }\n          kind\n          remoteHost\n          state\n          stateName\n          createdAt\n          progress {\n            percent\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardSessionsDocument,
    "\n  fragment DashboardSession on TransferSession {\n    id\n    server {\n      name\n    }\n    kind\n    state\n    stateName\n    isFinished\n    remoteHost\n    createdAt\n    createdBy\n    progress {\n      percent\n      totalBytes\n      completedBytes\n      completed\n      queues {\n        queue\n        percent\n        totalBytes\n        completedBytes\n        totalItems\n        completedItems\n        failedItems\n      }\n    }\n    items {\n      module\n      name\n      localName\n      size\n      state\n      failure\n      warnings\n      warningCount\n    }\n  }\n": typeof types.DashboardSessionFragmentDoc,
    "\n  fragment DashboardSteeringResult on TransferSessionPayload {\n    session {\n      id\n      state\n      stateName\n    }\n    userErrors {\n      code\n      message\n    }\n    warnings\n  }\n": typeof types.DashboardSteeringResultFragmentDoc,
    "\n  mutation DashboardPause($id: ID!, $server: ID) {\n    pauseTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": typeof types.DashboardPauseDocument,
    "\n  mutation DashboardResume($id: ID!, $server: ID) {\n    resumeTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": typeof types.DashboardResumeDocument,
    "\n  mutation DashboardAbort($id: ID!, $server: ID) {\n    abortTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": typeof types.DashboardAbortDocument,
};
const documents: Documents = {
    "\n  fragment DashboardEvent on TransferEvent {\n    cursor\n    at\n    action\n    type\n    queue\n    item\n    message\n  }\n": types.DashboardEventFragmentDoc,
    "\n  subscription DashboardSessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      ...DashboardSession\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n": types.DashboardSessionUpdatedDocument,
    "\n  query DashboardRecentEvents($id: ID!, $server: ID, $last: Int!) {\n    transferSession(id: $id, server: $server) {\n      id\n      events(last: $last) {\n        ...DashboardEvent\n      }\n    }\n  }\n": types.DashboardRecentEventsDocument,
    "\n  subscription DashboardSessionEvents($id: ID!, $server: ID, $after: String) {\n    transferSessionEvents(id: $id, server: $server, after: $after) {\n      ...DashboardEvent\n    }\n  }\n": types.DashboardSessionEventsDocument,
    "\n  query DashboardWhoAmI {\n    whoami {\n      id\n      role\n      servers\n    }\n  }\n": types.DashboardWhoAmIDocument,
    "\n  query DashboardSessions($filter: TransferSessionFilter, $first: Int!, $after: String) {\n    transferSessions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          server {\n            name\n          }\n          kind\n          remoteHost\n          state\n          stateName\n          createdAt\n          progress {\n            percent\n          }\n        }\n      }\n    }\n  }\n": types.DashboardSessionsDocument,
    "\n  fragment DashboardSession on TransferSession {\n    id\n    server {\n      name\n    }\n    kind\n    state\n    stateName\n    isFinished\n    remoteHost\n    createdAt\n    createdBy\n    progress {\n      percent\n      totalBytes\n      completedBytes\n      completed\n      queues {\n        queue\n        percent\n        totalBytes\n        completedBytes\n        totalItems\n        completedItems\n        failedItems\n      }\n    }\n    items {\n      module\n      name\n      localName\n      size\n      state\n      failure\n      warnings\n      warningCount\n    }\n  }\n": types.DashboardSessionFragmentDoc,
    "\n  fragment DashboardSteeringResult on TransferSessionPayload {\n    session {\n      id\n      state\n      stateName\n    }\n    userErrors {\n      code\n      message\n    }\n    warnings\n  }\n": types.DashboardSteeringResultFragmentDoc,
    "\n  mutation DashboardPause($id: ID!, $server: ID) {\n    pauseTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": types.DashboardPauseDocument,
    "\n  mutation DashboardResume($id: ID!, $server: ID) {\n    resumeTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": types.DashboardResumeDocument,
    "\n  mutation DashboardAbort($id: ID!, $server: ID) {\n    abortTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n": types.DashboardAbortDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardEvent on TransferEvent {\n    cursor\n    at\n    action\n    type\n    queue\n    item\n    message\n  }\n"): typeof import('./graphql.js').DashboardEventFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardSessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      ...DashboardSession\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSessionUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRecentEvents($id: ID!, $server: ID, $last: Int!) {\n    transferSession(id: $id, server: $server) {\n      id\n      events(last: $last) {\n        ...DashboardEvent\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardRecentEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardSessionEvents($id: ID!, $server: ID, $after: String) {\n    transferSessionEvents(id: $id, server: $server, after: $after) {\n      ...DashboardEvent\n    }\n  }\n"): typeof import('./graphql.js').DashboardSessionEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardWhoAmI {\n    whoami {\n      id\n      role\n      servers\n    }\n  }\n"): typeof import('./graphql.js').DashboardWhoAmIDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSessions($filter: TransferSessionFilter, $first: Int!, $after: String) {\n    transferSessions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          server {\n            name\n          }\n          kind\n          remoteHost\n          state\n          stateName\n          createdAt\n          progress {\n            percent\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardSession on TransferSession {\n    id\n    server {\n      name\n    }\n    kind\n    state\n    stateName\n    isFinished\n    remoteHost\n    createdAt\n    createdBy\n    progress {\n      percent\n      totalBytes\n      completedBytes\n      completed\n      queues {\n        queue\n        percent\n        totalBytes\n        completedBytes\n        totalItems\n        completedItems\n        failedItems\n      }\n    }\n    items {\n      module\n      name\n      localName\n      size\n      state\n      failure\n      warnings\n      warningCount\n    }\n  }\n"): typeof import('./graphql.js').DashboardSessionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardSteeringResult on TransferSessionPayload {\n    session {\n      id\n      state\n      stateName\n    }\n    userErrors {\n      code\n      message\n    }\n    warnings\n  }\n"): typeof import('./graphql.js').DashboardSteeringResultFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPause($id: ID!, $server: ID) {\n    pauseTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n"): typeof import('./graphql.js').DashboardPauseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardResume($id: ID!, $server: ID) {\n    resumeTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n"): typeof import('./graphql.js').DashboardResumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardAbort($id: ID!, $server: ID) {\n    abortTransferSession(id: $id, server: $server) {\n      ...DashboardSteeringResult\n    }\n  }\n"): typeof import('./graphql.js').DashboardAbortDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
