// Root reads. Each checks its inputs first (no WHM call for a bad one) and returns references or raw
// WHM data; the types' own resolvers load the rest, batched per tier.
import { isUnknownSessionError, badUserInput } from '../errors.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { encodeCursor, InvalidCursorError } from '../registry/index.js';
import { checkIntegerRange, checkListLength, checkModuleName, checkSessionId, checkUsername, LIMITS } from '../validation.js';
import { toNumber } from './convert.js';
import { listSessions } from './session-listing.js';
import { loadSystemUser } from './system-users.js';
import { webhookDeliveries } from './WebhookDelivery.js';

export const Query: QueryResolvers = {
  servers: (_root, _args, { servers }) => servers.list(),

  validateSystemUser: (_root, { username, server }, context) =>
    loadSystemUser(context, context.servers.resolve(server).entry.name, checkUsername(username, ['username'])),

  systemUsers: (_root, { usernames, server }, context) => {
    const serverName = context.servers.resolve(server).entry.name;
    checkListLength(usernames, 0, LIMITS.usernamesPerQuery, ['usernames']);
    // One promise per entry: a bad name or a failed answer nulls its own entry, never its siblings.
    return usernames.map(async (username, index) =>
      loadSystemUser(context, serverName, checkUsername(username, ['usernames', index])),
    );
  },

  transferSession: async (_root, { id, server }, { servers, records, sessions }) => {
    const key = { server: servers.resolve(server).entry.name, id: checkSessionId(id, ['id']) };
    const record = await records.load(key);
    if (record) return { ...key, record };
    // Not one of ours: it exists if WHM knows its state (the read also serves the state field).
    try {
      await sessions.state(key);
      return { ...key, record: null };
    } catch (error) {
      if (isUnknownSessionError(error)) return null;
      throw error;
    }
  },

  transferSessions: async (_root, { filter, first, after }, context) => {
    const { servers } = context;
    const pageSize = checkIntegerRange(first ?? 20, 1, LIMITS.pageSize, ['first']);
    const serverName = filter?.server ? servers.resolve(filter.server, ['filter', 'server']).entry.name : undefined;
    let page;
    try {
      // States are matched against WHM's current ones (session-listing.ts), the rest by the registry.
      page = await listSessions(
        context,
        {
          server: serverName,
          // Only what the caller may see: a key limited to some servers lists only their sessions.
          servers: servers.list().map((entry) => entry.name),
          kinds: filter?.kinds ?? undefined,
        },
        filter?.states ?? undefined,
        pageSize,
        after ?? null,
      );
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badUserInput('This cursor was not issued by transferSessions.', ['after']);
      throw error;
    }
    const nodes = page.records.map((record) => ({ server: record.server, id: record.id, record }));
    return {
      nodes,
      edges: nodes.map((node) => ({ node, cursor: encodeCursor(node.record) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  },

  transferModules: async (_root, { server }, { servers, whm }) => {
    const serverName = servers.resolve(server).entry.name;
    const { modules } = await whm.readData(serverName, 'available_transfer_modules', {});
    return Object.entries(modules ?? {})
      .map(([name, priority]) => ({ server: serverName, name, priority: toNumber(priority) ?? 0 }))
      .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  },

  transferModuleSchema: async (_root, { module, server }, { servers, whm }) => {
    const serverName = servers.resolve(server).entry.name;
    const name = checkModuleName(module, ['module']);
    const { schema } = await whm.readData(serverName, 'transfer_module_schema', { module: name });
    return { module: name, schema: schema ?? { keys: {}, required: [], primary: [] } };
  },

  restoreModules: async (_root, { server }, { servers, whm }) =>
    (await whm.readData(servers.resolve(server).entry.name, 'restore_modules_summary', {})).modules ?? [],

  restoreQueue: (_root, { server }, { servers }) => ({ server: servers.resolve(server).entry.name }),

  backupDates: async (_root, { server }, { servers, whm }) => {
    const serverName = servers.resolve(server).entry.name;
    const { backup_set: dates } = await whm.readData(serverName, 'backup_date_list', {});
    return (dates ?? []).map((date) => ({ server: serverName, date }));
  },

  cpmoveArchives: async (_root, { server }, { servers, whm }) =>
    (await whm.readData(servers.resolve(server).entry.name, 'list_cparchive_files', {})).quickrestore_files ?? [],

  whmWrites: async (_root, { unresolved, first }, { servers, registry }) => {
    const pageSize = checkIntegerRange(first ?? 20, 1, LIMITS.pageSize, ['first']);
    return registry.writeJournal.list({
      first: pageSize,
      unresolved: unresolved ?? false,
      servers: servers.list().map((entry) => entry.name),
    });
  },

  webhookDeliveries,
};
