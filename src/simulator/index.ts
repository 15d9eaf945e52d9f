// Public entry point of the WHM API 1 simulator: a stateful fake WHM over real HTTP(S).
import type { AddressInfo } from 'node:net';
import { generateSelfSignedCertificate } from './certificate.js';
import { SimClock } from './clock.js';
import { DEFAULT_QUIRKS } from './envelope.js';
import { demoAuth, demoLocalServer, demoRemoteHosts } from './demo-data.js';
import { SimulatorServer } from './server.js';
import { SimulatorState } from './state.js';
import type { Fault, Quirks, ReceivedRequest, SimulatorOptions, SimulatorStats, TlsMaterial } from './types.js';

export type * from './types.js';
export type { TransferSession } from './sessions.js';
export type { TransferItem, SessionKind } from './session-model.js';
export type { SimulatorState } from './state.js';
export type { RestoreQueue, RestoreTask, CompletedRestoreTask } from './restore-queue.js';
export * as demo from './demo-data.js';
export { DEFAULT_QUIRKS } from './envelope.js';

export interface RunningSimulator {
  /** e.g. "http://127.0.0.1:41234" (https:// with tls). */
  url: string;
  port: number;
  stats(): SimulatorStats;
  /** Also clears the request log. */
  resetStats(): void;
  requests: ReceivedRequest[];
  /** functionName may be "batch"; "*" means every function. */
  setFault(functionName: string, fault: Fault | null): void;
  setQuirks(quirks: Partial<Quirks>): void;
  /** Introspection for tests: call state.refresh() (or state.session(id)) to advance to now first. */
  state: SimulatorState;
  /** With tls: the self-signed certificate a client can trust. */
  caCertificatePem?: string;
  /** Closes the server and every socket, hung ones included. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BATCH_COMMANDS = 1000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const speedFactor = options.speedFactor ?? 1;
  if (!(speedFactor > 0)) throw new Error('speedFactor must be a positive number.');
  const clock = new SimClock(options.now ?? Date.now, speedFactor);
  const state = new SimulatorState(clock, options.local ?? demoLocalServer(), options.remoteHosts ?? demoRemoteHosts());
  const defaults = demoAuth();
  const tls: TlsMaterial | undefined =
    options.tls === true ? generateSelfSignedCertificate() : options.tls === false ? undefined : options.tls;

  const server = new SimulatorServer(state, {
    auth: {
      tokens: options.auth?.tokens ?? defaults.tokens,
      passwords: options.auth?.passwords ?? defaults.passwords,
    },
    authFailureStyle: options.authFailureStyle ?? 'html',
    quirks: { ...DEFAULT_QUIRKS, ...options.quirks },
    maxBatchCommands: options.maxBatchCommands ?? DEFAULT_MAX_BATCH_COMMANDS,
    maxLoggedRequests: options.maxLoggedRequests ?? 10_000,
    ...(tls === undefined ? {} : { tls }),
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.httpServer.once('error', onError);
    server.httpServer.listen(options.port ?? 0, host, () => {
      server.httpServer.off('error', onError);
      resolve();
    });
  });
  const address = server.httpServer.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const running: RunningSimulator = {
    url: `${tls === undefined ? 'http' : 'https'}://${urlHost}:${address.port}`,
    port: address.port,
    stats: () => server.stats(),
    resetStats: () => server.resetStats(),
    requests: server.requests,
    setFault: (functionName, fault) => server.setFault(functionName, fault),
    setQuirks: (quirks) => server.setQuirks(quirks),
    state,
    close: () => server.close(),
  };
  if (tls !== undefined) running.caCertificatePem = tls.certPem;
  return running;
}
