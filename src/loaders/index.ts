// Per-request DataLoaders. Every WHM read goes through a per-server WhmCallBatcher, so all loads of
// one resolver tier become one WHM `batch` HTTP request, with per-key errors and per-request caching.
import DataLoader from 'dataloader';
import type { SessionRecord, SessionRegistry } from '../registry/index.js';
import type { ServerDirectory } from '../servers.js';
import { parseTransferLog, type ParsedTransferLog } from '../transfer/index.js';
import type * as T from '../whm/types.js';
import { WHM_FUNCTIONS, WhmApiError, type WhmCall, type WhmDataOf, type WhmFunctionName, type WhmResult } from '../whm/index.js';
import { WhmCallBatcher } from './whm-batcher.js';

export interface SessionKey {
  server: string;
  id: string;
}

export interface Loaders {
  /** One WHM read through the request's batcher (for calls no loader covers). */
  read<F extends WhmFunctionName>(server: string, call: WhmCall<F>): Promise<WhmResult<WhmDataOf<F>>>;
  systemUser: DataLoader<{ server: string; username: string }, T.ValidateSystemUserData, string>;
  sessionState: DataLoader<SessionKey, T.GetTransferSessionStateData, string>;
  sessionLog: DataLoader<SessionKey & { file: string }, T.FetchTransferSessionLogData, string>;
  remoteAnalysis: DataLoader<SessionKey, T.RetrieveTransferSessionRemoteAnalysisData, string>;
  moduleSchema: DataLoader<{ server: string; module: string }, T.TransferModuleSchemaData, string>;
  backupUsers: DataLoader<{ server: string; restorePoint: string }, T.BackupUserListData, string>;
  sessionRecord: DataLoader<SessionKey, SessionRecord | null, string>;
  /** A log's text; master.log and master.error_log read as empty until WHM creates them. */
  logText(key: SessionKey & { file: string }): Promise<string>;
  /** master.log parsed once per request and session. */
  parsedMasterLog(key: SessionKey): Promise<ParsedTransferLog>;
  /** Forgets what this request knew of a session, after a mutation changed it. */
  forgetSession(key: SessionKey): void;
  /** WHM HTTP requests made so far by this request. */
  whmRequestCount(): number;
}

export interface LoaderOptions {
  servers: ServerDirectory;
  registry: SessionRegistry;
  /** False sends every call on its own (for measuring what batching saves). */
  batching: boolean;
}

const keyOf = (...parts: string[]): string => JSON.stringify(parts);

export function createLoaders({ servers, registry, batching }: LoaderOptions): Loaders {
  const batchers = new Map<string, WhmCallBatcher>();
  const batcherFor = (server: string): WhmCallBatcher => {
    let batcher = batchers.get(server);
    if (!batcher) {
      batcher = new WhmCallBatcher(servers.resolve(server).client, batching);
      batchers.set(server, batcher);
    }
    return batcher;
  };
  // Identical reads within one request are made once (for example three fields of restoreQueue).
  const readCache = new Map<string, Promise<WhmResult<unknown>>>();
  const read = <F extends WhmFunctionName>(server: string, call: WhmCall<F>): Promise<WhmResult<WhmDataOf<F>>> => {
    if (!WHM_FUNCTIONS[call.function].readOnly) return batcherFor(server).call(call);
    const cacheKey = keyOf(server, call.function, JSON.stringify(call.params));
    let result = readCache.get(cacheKey);
    if (!result) {
      result = batcherFor(server).call(call);
      readCache.set(cacheKey, result);
    }
    return result as Promise<WhmResult<WhmDataOf<F>>>;
  };

  /** A loader whose keys each become one WHM call; failures stay with their key. */
  function whmLoader<K extends { server: string }, F extends WhmFunctionName>(
    toCall: (key: K) => WhmCall<F>,
    cacheKey: (key: K) => string,
  ): DataLoader<K, WhmDataOf<F>, string> {
    return new DataLoader<K, WhmDataOf<F>, string>(
      (keys) =>
        Promise.all(
          keys.map((key) =>
            read(key.server, toCall(key)).then(
              (result) => result.data,
              (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
            ),
          ),
        ),
      // Caching stays on either way: only batching is what the benchmark switches off.
      { cacheKeyFn: cacheKey, batch: batching },
    );
  }

  const sessionCacheKey = (key: SessionKey): string => keyOf(key.server, key.id);
  const sessionLog = whmLoader(
    (key: SessionKey & { file: string }) => ({
      function: 'fetch_transfer_session_log' as const,
      params: { transfer_session_id: key.id, logfile: key.file },
    }),
    (key) => keyOf(key.server, key.id, key.file),
  );
  const sessionState = whmLoader(
    (key: SessionKey) => ({ function: 'get_transfer_session_state' as const, params: { transfer_session_id: key.id } }),
    sessionCacheKey,
  );
  const remoteAnalysis = whmLoader(
    (key: SessionKey) => ({
      function: 'retrieve_transfer_session_remote_analysis' as const,
      params: { transfer_session_id: key.id },
    }),
    sessionCacheKey,
  );
  const parsedLogs = new Map<string, Promise<ParsedTransferLog>>();

  const loaders: Loaders = {
    read,
    systemUser: whmLoader(
      (key: { server: string; username: string }) => ({ function: 'validate_system_user' as const, params: { user: key.username } }),
      (key) => keyOf(key.server, key.username),
    ),
    sessionState,
    sessionLog,
    remoteAnalysis,
    moduleSchema: whmLoader(
      (key: { server: string; module: string }) => ({ function: 'transfer_module_schema' as const, params: { module: key.module } }),
      (key) => keyOf(key.server, key.module),
    ),
    backupUsers: whmLoader(
      (key: { server: string; restorePoint: string }) => ({
        function: 'backup_user_list' as const,
        params: { restore_point: key.restorePoint },
      }),
      (key) => keyOf(key.server, key.restorePoint),
    ),
    sessionRecord: new DataLoader<SessionKey, SessionRecord | null, string>((keys) => registry.getMany([...keys]), {
      cacheKeyFn: sessionCacheKey,
    }),
    logText(key) {
      return sessionLog.load(key).then(
        (data) => data.log,
        (error: unknown) => {
          // WHM writes master.log when a session starts and master.error_log on the first error.
          const sessionFile = key.file === 'master.log' || key.file === 'master.error_log';
          if (sessionFile && error instanceof WhmApiError && /failed to locate/.test(error.reason)) return '';
          throw error;
        },
      );
    },
    parsedMasterLog(key) {
      const cacheKey = sessionCacheKey(key);
      let parsed = parsedLogs.get(cacheKey);
      if (!parsed) {
        parsed = loaders.logText({ ...key, file: 'master.log' }).then(parseTransferLog);
        parsedLogs.set(cacheKey, parsed);
      }
      return parsed;
    },
    forgetSession(key) {
      sessionState.clear(key);
      remoteAnalysis.clear(key);
      loaders.sessionRecord.clear(key);
      parsedLogs.delete(sessionCacheKey(key));
      // Item logs of the session have keys of their own; a mutation is rare enough to drop them all.
      sessionLog.clearAll();
      readCache.clear();
    },
    whmRequestCount: () => [...batchers.values()].reduce((sum, batcher) => sum + batcher.requestCount, 0),
  };
  return loaders;
}
