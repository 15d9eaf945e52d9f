import type { CompletedRestoreJobResolvers, RestoreJobResult } from '../generated/graphql.js';
import { epochToDate, toNumber } from './convert.js';

const RESULTS: Record<number, RestoreJobResult> = { 0: 'FAILED', 1: 'SUCCEEDED', 2: 'SUCCEEDED_WITH_WARNINGS' };

export const CompletedRestoreJob: CompletedRestoreJobResolvers = {
  job: ({ completed }) => completed.restore_job,
  result: ({ completed }) => RESULTS[toNumber(completed.status_info?.result) ?? -1] ?? 'UNKNOWN',
  resultCode: ({ completed }) => {
    const code = toNumber(completed.status_info?.result);
    return code !== null && Number.isInteger(code) ? code : null;
  },
  startedAt: ({ completed }) => epochToDate(completed.status_info?.started),
  finishedAt: ({ completed }) => epochToDate(completed.status_info?.finished),
  statusMessage: ({ completed }) => completed.status_info?.statusmsg ?? null,
  warnings: ({ completed }) => completed.status_info?.warnings ?? [],
  session: ({ server, completed }) => {
    const id = completed.status_info?.transfer_session_id;
    return id ? { server, id } : null;
  },
};
