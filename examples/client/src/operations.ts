// The operations this client runs. Each `graphql()` call is typed by codegen (src/gql/): its result
// and variables follow the gateway's published schema, and a schema change that breaks it fails tsc.
import { graphql } from './gql/index.js';

/** A monitoring dashboard row: state, progress per queue, failed items. */
export const SessionMonitorQuery = graphql(`
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
`);

/** The sessions the gateway knows, newest first. */
export const RecentSessionsQuery = graphql(`
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
`);

/** Live: the session again each time its state, progress or items change (graphql-ws, same URL). */
export const SessionUpdatedSubscription = graphql(`
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
`);
