// A transfer session as WHM tells it, for one request: its state, its logs, master.log parsed, its
// remote analysis. Built on the request's WhmAccess, so every read is batched, shared and counted.
import type { ParsedTransferLog, TransferLogCache } from '../transfer/index.js';
import type * as T from '../whm/types.js';
import { whmRefusalOf } from './errors.js';
import type { WhmAccess } from './request-access.js';

export interface SessionKey {
  server: string;
  id: string;
}

const keyOf = (key: SessionKey): string => `${key.server}\u0000${key.id}`;

export class TransferSessionSource {
  private readonly parsedLogs = new Map<string, Promise<ParsedTransferLog>>();

  constructor(
    private readonly whm: WhmAccess,
    /** Parse states shared by all requests: each read parses only what master.log gained since. */
    private readonly logCache: TransferLogCache,
  ) {}

  state(key: SessionKey): Promise<T.GetTransferSessionStateData> {
    return this.whm.readData(key.server, 'get_transfer_session_state', { transfer_session_id: key.id });
  }

  remoteAnalysis(key: SessionKey): Promise<T.RetrieveTransferSessionRemoteAnalysisData> {
    return this.whm.readData(key.server, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: key.id });
  }

  /** A log's text; master.log and master.error_log read as empty until WHM creates them. */
  async logText(key: SessionKey, file: string): Promise<string> {
    try {
      const data = await this.whm.readData(key.server, 'fetch_transfer_session_log', {
        transfer_session_id: key.id,
        logfile: file,
      });
      return typeof data.log === 'string' ? data.log : '';
    } catch (error) {
      // WHM writes master.log when a session starts and master.error_log on the first error.
      const sessionFile = file === 'master.log' || file === 'master.error_log';
      if (sessionFile && /failed to locate/.test(whmRefusalOf(error)?.reason ?? '')) return '';
      throw error;
    }
  }

  /** master.log parsed once per request and session, incrementally across requests. */
  masterLog(key: SessionKey): Promise<ParsedTransferLog> {
    let parsed = this.parsedLogs.get(keyOf(key));
    if (!parsed) {
      parsed = this.logText(key, 'master.log').then((text) => this.logCache.parse(keyOf(key), text));
      this.parsedLogs.set(keyOf(key), parsed);
    }
    return parsed;
  }

  /** After a write changed the session: read everything again. */
  forget(key: SessionKey): void {
    this.parsedLogs.delete(keyOf(key));
    this.whm.forget(key.server);
  }
}
