import type { RestoreJobResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const RestoreJob: RestoreJobResolvers = {
  user: (job) => job.user,
  restorePoint: (job) => job.restore_point,
  destination: (job) => job.options?.destid ?? null,
  giveIp: (job) => toBoolean(job.options?.give_ip),
  mailConfig: (job) => toBoolean(job.options?.mail_config),
  mysql: (job) => toBoolean(job.options?.mysql),
  subdomains: (job) => toBoolean(job.options?.subdomains),
};
