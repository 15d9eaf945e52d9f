// Root reads. Each checks its inputs first (no WHM call for a bad one) and returns references or raw
// WHM data; the types' own resolvers load the rest, batched per tier.
import { isUnknownSessionError, badUserInput } from '../errors.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { encodeCursor, InvalidCursorError } from '../registry/index.js';
import { checkIntegerRange, checkListLength, checkModuleName, checkSessionId, checkUsername, LIMITS } from '../validation.js';
import { toNumber } from './convert.js';

export const Query: QueryResolvers = {
  servers: (_root, _args, { servers }) => servers.list(),

  validateSystemUser: (_root, { username, server }, { servers }) => ({
    server: servers.resolve(server).entry.name,
    username: checkUsername(username, ['username']),
  }),

  systemUsers: (_root, { usernames, server }, { servers }) => {
    const serverName = servers.resolve(server).entry.name;
    checkListLength(usernames, 0, LIMITS.usernamesPerQuery, ['usernames']);
    return usernames.map((username, index) => ({ server: serverName, username: checkUsername(username, ['usernames', index]) }));
  },

  transferSession: async (_root, { id, server }, { servers, loaders }) => {
    const key = { server: servers.resolve(server).entry.name, id: checkSessionId(id, ['id']) };
    const record = await loaders.sessionRecord.load(key);
    if (record) return { ...key, record };
    // Not one of ours: it exists if WHM knows its state (the load also serves the state field).
    try {
      await loaders.sessionState.load(key);
      return { ...key, record: null };
    } catch (error) {
      if (isUnknownSessionError(error)) return null;
      throw error;
    }
  },

  transferSessions: async (_root, { filter, first, after }, { servers, registry }) => {
    const pageSize = checkIntegerRange(first ?? 20, 1, LIMITS.pageSize, ['first']);
    const serverName = filter?.server ? servers.resolve(filter.server, ['filter', 'server']).entry.name : undefined;
    let page;
    try {
      page = await registry.list({
        filter: {
          server: serverName,
          // Only what the caller may see: a key limited to some servers lists only their sessions.
          servers: servers.list().map((entry) => entry.name),
          states: filter?.states ?? undefined,
          kinds: filter?.kinds ?? undefined,
        },
        first: pageSize,
        after: after ?? null,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badUserInput('This cursor was not issued by transferSessions.', ['after']);
      throw error;
    }
    const nodes = page.sessions.map((record) => ({ server: record.server, id: record.id, record }));
    return {
      nodes,
      edges: nodes.map((node) => ({ node, cursor: encodeCursor(node.record) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  },

  transferModules: async (_root, { server }, { servers, loaders }) => {
    const serverName = servers.resolve(server).entry.name;
    const { data } = await loaders.read(serverName, { function: 'available_transfer_modules', params: {} });
    return Object.entries(data.modules)
      .map(([name, priority]) => ({ server: serverName, name, priority: toNumber(priority) ?? 0 }))
      .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  },

  transferModuleSchema: async (_root, { module, server }, { servers, loaders }) => {
    const serverName = servers.resolve(server).entry.name;
    const name = checkModuleName(module, ['module']);
    return { module: name, schema: (await loaders.moduleSchema.load({ server: serverName, module: name })).schema };
  },

  restoreModules: async (_root, { server }, { servers, loaders }) =>
    (await loaders.read(servers.resolve(server).entry.name, { function: 'restore_modules_summary', params: {} })).data.modules,

  restoreQueue: (_root, { server }, { servers }) => ({ server: servers.resolve(server).entry.name }),

  backupDates: async (_root, { server }, { servers, loaders }) => {
    const serverName = servers.resolve(server).entry.name;
    const { data } = await loaders.read(serverName, { function: 'backup_date_list', params: {} });
    return (data.backup_set ?? []).map((date) => ({ server: serverName, date }));
  },

  cpmoveArchives: async (_root, { server }, { servers, loaders }) =>
    (await loaders.read(servers.resolve(server).entry.name, { function: 'list_cparchive_files', params: {} })).data
      .quickrestore_files ?? [],
};
