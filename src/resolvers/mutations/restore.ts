// Restores from backups and archives (each runs as a transfer session WHM hands back), the restore
// queue, and archive clean-up.
import { badUserInput } from '../../errors.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { checkAbsolutePath, checkMailLocation, checkText, checkUsername } from '../../validation.js';
import { attempt, LEGACY_BACKUP_TYPES, rememberCreatedSession } from './support.js';


export const restoreMutations: MutationResolvers = {
  restoreAccount: async (_root, { input }, context) => {
    const { entry, client } = context.servers.resolve(input.server, ['input', 'server']);
    const user = checkUsername(input.user, ['input', 'user']);
    if (!input.createAccount && !input.mail && !input.mysql && !input.subdomains) {
      // The spec requires at least one of these; without any, the restore would do nothing useful.
      throw badUserInput('Choose at least one of createAccount, mail, mysql or subdomains.', ['input']);
    }
    const outcome = await attempt(
      () =>
        client.restoreAccount({
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
    if (!id) return { session: null, userErrors: [], warnings: [...outcome.value.output.warnings, ...(outcome.value.output.raw ? [outcome.value.output.raw] : [])] };
    const session = await rememberCreatedSession(context, { id, server: entry.name, kind: 'RESTORE' });
    await context.registry.recordItems(entry.name, id, [{ module: 'LegacyAccountBackup', name: user, localName: user, size: null }]);
    return { session, userErrors: [], warnings: outcome.value.output.warnings };
  },

  restoreFromCpmove: async (_root, { input }, context) => {
    const { entry, client } = context.servers.resolve(input.server, ['input', 'server']);
    const path = checkAbsolutePath(input.path, ['input', 'path']);
    const username = input.username ? checkUsername(input.username, ['input', 'username']) : undefined;
    const outcome = await attempt(
      () =>
        client.startLocalCpmoveRestore({
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
    const session = await rememberCreatedSession(context, { id: outcome.value.data.transfer_session_id, server: entry.name, kind: 'RESTORE' });
    return { session, userErrors: [], warnings: outcome.value.output.warnings };
  },

  addRestoreQueueTask: async (_root, { input }, context) => {
    const { entry, client } = context.servers.resolve(input.server, ['input', 'server']);
    const outcome = await attempt(
      () =>
        client.restoreQueueAddTask({
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
    const queue = { server: entry.name };
    if (!outcome.ok) return { queue, queueId: null, userErrors: [outcome.userError] };
    return { queue, queueId: outcome.value.data.queue_id, userErrors: [] };
  },

  activateRestoreQueue: async (_root, { server }, context) => {
    const { entry, client } = context.servers.resolve(server);
    const outcome = await attempt(() => client.restoreQueueActivate(), null);
    return { queue: { server: entry.name }, queueId: null, userErrors: outcome.ok ? [] : [outcome.userError] };
  },

  deleteAccountArchives: async (_root, { user, mountpoint, server }, context) => {
    const { client } = context.servers.resolve(server);
    const outcome = await attempt(
      () =>
        client.deleteAccountArchives({
          user: checkUsername(user, ['user']),
          mountpoint: mountpoint ? checkAbsolutePath(mountpoint, ['mountpoint']) : undefined,
        }),
      null,
    );
    if (!outcome.ok) return { deleted: false, messages: [], warnings: outcome.warnings, userErrors: [outcome.userError] };
    return { deleted: true, messages: outcome.value.output.messages, warnings: outcome.value.output.warnings, userErrors: [] };
  },
};
