import type { BackupRestorePointResolvers, BackupUserStatus } from '../generated/graphql.js';

const STATUSES: Record<string, BackupUserStatus> = { active: 'ACTIVE', inactive: 'INACTIVE', no_backup: 'NO_BACKUP' };

export const BackupRestorePoint: BackupRestorePointResolvers = {
  date: (point) => point.date,
  users: async ({ server, date }, _args, { whm }) =>
    ((await whm.readData(server, 'backup_user_list', { restore_point: date })).user ?? []).map((user) => ({
      username: user.username,
      status: STATUSES[user.status] ?? 'UNKNOWN',
      statusName: String(user.status),
    })),
};
