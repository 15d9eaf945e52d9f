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
    "\n  query SessionMonitor($id: ID!, $server: ID) {\n    transferSession(id: $id, server: $server) {\n      id\n      server {\n        name\n      }\n      state\n      stateName\n      isFinished\n      createdAt\n      progress {\n        percent\n        completed\n        queues {\n          queue\n          percent\n          completedItems\n          totalItems\n          failedItems\n        }\n      }\n      items {\n        module\n        name\n        state\n        failure\n      }\n    }\n  }\n": typeof types.SessionMonitorDocument,
    "\n  query RecentSessions($first: Int) {\n    transferSessions(first: $first) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        remoteHost\n        createdAt\n      }\n    }\n  }\n": typeof types.RecentSessionsDocument,
    "\n  subscription SessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      id\n      state\n      isFinished\n      progress {\n        percent\n      }\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.SessionUpdatedDocument,
};
const documents: Documents = {
    "\n  query SessionMonitor($id: ID!, $server: ID) {\n    transferSession(id: $id, server: $server) {\n      id\n      server {\n        name\n      }\n      state\n      stateName\n      isFinished\n      createdAt\n      progress {\n        percent\n        completed\n        queues {\n          queue\n          percent\n          completedItems\n          totalItems\n          failedItems\n        }\n      }\n      items {\n        module\n        name\n        state\n        failure\n      }\n    }\n  }\n": types.SessionMonitorDocument,
    "\n  query RecentSessions($first: Int) {\n    transferSessions(first: $first) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        remoteHost\n        createdAt\n      }\n    }\n  }\n": types.RecentSessionsDocument,
    "\n  subscription SessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      id\n      state\n      isFinished\n      progress {\n        percent\n      }\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n": types.SessionUpdatedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionMonitor($id: ID!, $server: ID) {\n    transferSession(id: $id, server: $server) {\n      id\n      server {\n        name\n      }\n      state\n      stateName\n      isFinished\n      createdAt\n      progress {\n        percent\n        completed\n        queues {\n          queue\n          percent\n          completedItems\n          totalItems\n          failedItems\n        }\n      }\n      items {\n        module\n        name\n        state\n        failure\n      }\n    }\n  }\n"): typeof import('./graphql.js').SessionMonitorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentSessions($first: Int) {\n    transferSessions(first: $first) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        remoteHost\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').RecentSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionUpdated($id: ID!, $server: ID) {\n    transferSessionUpdated(id: $id, server: $server) {\n      id\n      state\n      isFinished\n      progress {\n        percent\n      }\n      live {\n        polling\n        nextPollAt\n        lastError {\n          code\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SessionUpdatedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
