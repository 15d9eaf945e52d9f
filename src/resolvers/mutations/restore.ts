// Restores from backups and archives (each runs as a transfer session WHM hands back), the restore
// queue, and archive clean-up.
import { GraphQLError } from 'graphql';
import { hasRole } from '../../auth/identity.js';
import { badUserInput } from '../../errors.js';
import type { MutationResolvers, RestoreQueueTaskSet } from '../../generated/graphql.js';
import { checkAbsolutePath, checkMailLocation, checkText, checkUsername } from '../../validation.js';
import { attempt, LEGACY_BACKUP_TYPES, missingAnswer, rememberCreatedSession, type Attempt } from './support.js';

const CLEAR_FUNCTIONS = {
  PENDING: 'restore_queue_clear_all_pending_tasks',
  COMPLETED: 'restore_queue_clear_all_completed_tasks',
  FAILED: 'restore_queue_clear_all_failed_tasks',
  ALL: 'restore_queue_clear_all_tasks',
} as const satisfies Record<RestoreQueueTaskSet, string>;

/** The queue as it now is (read afresh: the write cleared this request's reads), and WHM's refusal if any. */
function queuePayload(server: string, outcome: Attempt<unknown>) {
  return { queue: { server }, queueId: null, userErrors: outcome.ok ? [] : [outcome.userError] };
}

export const restoreMutations: MutationResolvers = {
  restoreAccount: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const user = checkUsername(input.user, ['input', 'user']);
    if (!input.createAccount && !input.mail && !input.mysql && !input.subdomains) {
      // The spec requires at least one of these; without any, the restore would do nothing useful.
      throw badUserInput('Choose at least one of createAccount, mail, mysql or subdomains.', ['input']);
    }
    const outcome = await attempt(
      () =>
        context.whm.write(server, 'restoreaccount', {
          user,
          type: LEGACY_BACKUP_TYPES[input.type],
          all: input.createAccount ?? false,
          ip: input.dedicatedIp ?? false,
          mail: input.mail ?? false,
          mysql: input.mysql ?? false,
          subs: input.subdomains ?? false,
        }),
      null,
    );
    if (!outcome.ok) return { session: null, userErrors: [outcome.userError], warnings: outcome.warnings };
    const id = outcome.value.data?.transfer_session_id;
    // Servers that follow the spec restore synchronously and name no session: report their output.
    if (!id)
      return {
        session: null,
        userErrors: [],
        warnings: [...outcome.value.output.warnings, ...(outcome.value.output.raw ? [outcome.value.output.raw] : [])],
      };
    const session = await rememberCreatedSession(context, { id, server, kind: 'RESTORE' });
    await context.registry.recordItems(server, id, [{ module: 'LegacyAccountBackup', name: user, localName: user, size: null }]);
    return { session, userErrors: [], warnings: outcome.value.output.warnings };
  },

  restoreFromCpmove: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const path = checkAbsolutePath(input.path, ['input', 'path']);
    // Deleting is destructive whichever mutation does it: the same role as deleteAccountArchives.
    if (input.deleteArchive && !hasRole(context.identity, 'admin')) {
      throw new GraphQLError(`deleteArchive needs the admin role; ${context.identity.id} has ${context.identity.role}.`, {
        extensions: { code: 'FORBIDDEN', requiredRole: 'admin', field: ['input', 'deleteArchive'] },
      });
    }
    const username = input.username ? checkUsername(input.username, ['input', 'username']) : undefined;
    const outcome = await attempt(
      () =>
        context.whm.write(server, 'start_local_cpmove_restore', {
          cpmovepath: path,
          username,
          dedicated_ip: input.dedicatedIp ?? false,
          delete_archive: input.deleteArchive ?? false,
          mail_location: input.mailLocation ? checkMailLocation(input.mailLocation, ['input', 'mailLocation']) : undefined,
          overwrite: input.overwrite ?? false,
          restricted: input.restricted ?? false,
          update_a_records: input.updateARecords === 'BASIC' ? 'basic' : 'all',
        }),
      null,
    );
    if (!outcome.ok) return { session: null, userErrors: [outcome.userError], warnings: outcome.warnings };
    const { data, output } = outcome.value;
    if (!data?.transfer_session_id) {
      const consequence = `it may have started restoring ${path}; look for a new restore session in WHM and adopt it with registerTransferSession.`;
      return { session: null, userErrors: [missingAnswer('start_local_cpmove_restore', consequence)], warnings: output.warnings };
    }
    const session = await rememberCreatedSession(context, { id: data.transfer_session_id, server, kind: 'RESTORE' });
    return { session, userErrors: [], warnings: output.warnings };
  },

  addRestoreQueueTask: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const outcome = await attempt(
      () =>
        context.whm.write(server, 'restore_queue_add_task', {
          user: checkUsername(input.user, ['input', 'user']),
          restore_point: checkText(input.restorePoint, ['input', 'restorePoint']),
          destid: input.destination ? checkText(input.destination, ['input', 'destination']) : undefined,
          give_ip: input.giveIp ?? false,
          mail_config: input.mailConfig ?? false,
          mysql: input.mysql ?? false,
          subdomains: input.subdomains ?? false,
        }),
      null,
    );
    const queue = { server };
    if (!outcome.ok) return { queue, queueId: null, userErrors: [outcome.userError] };
    const queueId = outcome.value.data?.queue_id;
    if (queueId === undefined || queueId === null) {
      return {
        queue,
        queueId: null,
        userErrors: [
          missingAnswer('restore_queue_add_task', 'the task may be in the restore queue; check restoreQueue { pending }.'),
        ],
      };
    }
    return { queue, queueId, userErrors: [] };
  },

  activateRestoreQueue: async (_root, { server }, context) => {
    const name = context.servers.resolve(server).entry.name;
    return queuePayload(name, await attempt(() => context.whm.write(name, 'restore_queue_activate', {}), null));
  },

  clearPendingRestoreTask: async (_root, { user, server }, context) => {
    const name = context.servers.resolve(server).entry.name;
    const params = { user: checkUsername(user, ['user']) };
    return queuePayload(name, await attempt(() => context.whm.write(name, 'restore_queue_clear_pending_task', params), ['user']));
  },

  clearCompletedRestoreTask: async (_root, { user, startedAt, server }, context) => {
    const name = context.servers.resolve(server).entry.name;
    // WHM names a finished task by its account and the epoch second it started (status_info.started).
    const params = { user: checkUsername(user, ['user']), start_time: Math.floor(startedAt.getTime() / 1000) };
    return queuePayload(name, await attempt(() => context.whm.write(name, 'restore_queue_clear_completed_task', params), null));
  },

  clearRestoreQueue: async (_root, { tasks, server }, context) => {
    const name = context.servers.resolve(server).entry.name;
    return queuePayload(name, await attempt(() => context.whm.write(name, CLEAR_FUNCTIONS[tasks], {}), null));
  },

  deleteAccountArchives: async (_root, { user, mountpoint, server }, context) => {
    const name = context.servers.resolve(server).entry.name;
    const outcome = await attempt(
      () =>
        context.whm.write(name, 'delete_account_archives', {
          user: checkUsername(user, ['user']),
          mountpoint: mountpoint ? checkAbsolutePath(mountpoint, ['mountpoint']) : undefined,
        }),
      null,
    );
    if (!outcome.ok) return { deleted: false, messages: [], warnings: outcome.warnings, userErrors: [outcome.userError] };
    return { deleted: true, messages: outcome.value.output.messages, warnings: outcome.value.output.warnings, userErrors: [] };
  },
};
