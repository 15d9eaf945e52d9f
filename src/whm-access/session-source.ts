// A transfer session as WHM tells it, for one request: its state, its logs, master.log parsed, its
// remote analysis. Built on the request's WhmAccess, so every read is batched, shared and counted.
import {
  isTerminalSessionState,
  toSessionState,
  TransferLogCache,
  type ParsedTransferLog,
  type TransferLogCacheOptions,
} from '../transfer/index.js';
import type * as T from '../whm/types.js';
import { whmRefusalOf } from './errors.js';
import type { WhmAccess } from './request-access.js';
import { readBefore, readStampOf, type ReadStamp } from './server-channel.js';

export interface SessionKey {
  server: string;
  id: string;
}

/** The process's master.log parse states, told when each read ran (so a finished session's log can be final). */
export type SessionLogCache = TransferLogCache<ReadStamp>;

export function createSessionLogCache(options: Omit<TransferLogCacheOptions<ReadStamp>, 'readOrder'> = {}): SessionLogCache {
  return new TransferLogCache<ReadStamp>({ ...options, readOrder: readBefore });
}

/** master.log parsed, and whether its text ended mid-line (WHM may still be writing that line). */
export interface MasterLogRead {
  log: ParsedTransferLog;
  unfinishedLastLine: boolean;
}

const keyOf = (key: SessionKey): string => `${key.server}\u0000${key.id}`;

export class TransferSessionSource {
  private readonly masterLogs = new Map<string, Promise<MasterLogRead>>();

  constructor(
    private readonly whm: WhmAccess,
    /**
     * Parse states shared by all requests: each read parses only what master.log gained since, and a
     * finished session's log, once final, is not read from WHM again.
     */
    private readonly logCache: SessionLogCache,
  ) {}

  /** WHM's state; each answer also tells the log cache whether the session is final (and when that was read). */
  async state(key: SessionKey): Promise<T.GetTransferSessionStateData> {
    const result = await this.whm.read(key.server, 'get_transfer_session_state', { transfer_session_id: key.id });
    const data = this.whm.requireData(key.server, 'get_transfer_session_state', result);
    const stamp = readStampOf(result);
    if (stamp !== undefined) {
      const stateName = typeof data.state_name === 'string' ? data.state_name : '';
      this.logCache.noteState(keyOf(key), isTerminalSessionState(toSessionState(stateName)), stamp);
    }
    return data;
  }

  remoteAnalysis(key: SessionKey): Promise<T.RetrieveTransferSessionRemoteAnalysisData> {
    return this.whm.readData(key.server, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: key.id });
  }

  /** A log's text; master.log and master.error_log read as empty until WHM creates them. */
  async logText(key: SessionKey, file: string): Promise<string> {
    return (await this.readLog(key, file)).text;
  }

  /** master.log parsed once per request and session, incrementally across requests; a final one is not read again. */
  async masterLog(key: SessionKey): Promise<ParsedTransferLog> {
    return (await this.masterLogRead(key)).log;
  }

  /** As masterLog, with what a live poll needs besides. */
  masterLogRead(key: SessionKey): Promise<MasterLogRead> {
    let read = this.masterLogs.get(keyOf(key));
    if (!read) {
      read = this.readMasterLog(key);
      this.masterLogs.set(keyOf(key), read);
    }
    return read;
  }

  /** After a write to the session: read everything again, and nothing about it is final any more. */
  forget(key: SessionKey): void {
    this.logCache.dropFinal(keyOf(key));
    this.forgetReads(key);
  }

  /** Read again what this request read (the session itself did not change: a final log stays final). */
  forgetReads(key: SessionKey): void {
    this.masterLogs.delete(keyOf(key));
    this.whm.forget(key.server);
  }

  private async readMasterLog(key: SessionKey): Promise<MasterLogRead> {
    // Final: WHM will never add to it, and its last line is as finished as it will ever be.
    const final = this.logCache.finalLog(keyOf(key));
    if (final !== undefined) return { log: final, unfinishedLastLine: false };
    const { text, stamp } = await this.readLog(key, 'master.log');
    const log = this.logCache.parse(keyOf(key), text, stamp);
    return { log, unfinishedLastLine: text.length > 0 && !text.endsWith('\n') };
  }

  private async readLog(key: SessionKey, file: string): Promise<{ text: string; stamp: ReadStamp | undefined }> {
    try {
      const params = { transfer_session_id: key.id, logfile: file };
      const result = await this.whm.read(key.server, 'fetch_transfer_session_log', params);
      const data = this.whm.requireData(key.server, 'fetch_transfer_session_log', result);
      return { text: typeof data.log === 'string' ? data.log : '', stamp: readStampOf(result) };
    } catch (error) {
      // WHM writes master.log when a session starts and master.error_log on the first error.
      const sessionFile = file === 'master.log' || file === 'master.error_log';
      if (sessionFile && /failed to locate/.test(whmRefusalOf(error)?.reason ?? '')) return { text: '', stamp: undefined };
      throw error;
    }
  }
}
