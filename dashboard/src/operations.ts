// Every operation the page sends, typed by codegen (client-preset) against src/generated/schema.graphql.
import { graphql } from './gql/index.js';

export const WhoAmI = graphql(`
  query DashboardWhoAmI {
    whoami {
      id
      role
      servers
    }
  }
`);

export const SessionPage = graphql(`
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
`);

export const SessionFields = graphql(`
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
`);

export const SteeringResult = graphql(`
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
`);

export const PauseSession = graphql(`
  mutation DashboardPause($id: ID!, $server: ID) {
    pauseTransferSession(id: $id, server: $server) {
      ...DashboardSteeringResult
    }
  }
`);

export const ResumeSession = graphql(`
  mutation DashboardResume($id: ID!, $server: ID) {
    resumeTransferSession(id: $id, server: $server) {
      ...DashboardSteeringResult
    }
  }
`);

export const AbortSession = graphql(`
  mutation DashboardAbort($id: ID!, $server: ID) {
    abortTransferSession(id: $id, server: $server) {
      ...DashboardSteeringResult
    }
  }
`);
