// The simulator's HTTP(S) server: sockets, faults, statistics and the request log. How a request
// is answered is in request-handler.ts; everything behind it (functions, sessions) is synchronous.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { TEXT_TYPE } from './http-io.js';
import { handleRequest, type RequestHost, type ServerSettings } from './request-handler.js';
import type { SimulatorState } from './state.js';
import type { Fault, Quirks, ReceivedRequest, SimulatorStats } from './types.js';

export class SimulatorServer implements RequestHost {
  readonly httpServer: Server;
  readonly requests: ReceivedRequest[] = [];
  private totalRequests = 0;
  private calls: Record<string, number> = {};
  private readonly faults = new Map<string, Fault>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly state: SimulatorState,
    readonly settings: ServerSettings,
  ) {
    const handler = (request: IncomingMessage, response: ServerResponse): void => {
      handleRequest(this, request, response).catch((error: unknown) => {
        if (!response.headersSent && !response.destroyed) {
          response.writeHead(500, { 'content-type': TEXT_TYPE });
          response.end(`Simulator error: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      });
    };
    this.httpServer =
      settings.tls === undefined
        ? createHttpServer(handler)
        : createHttpsServer({ cert: settings.tls.certPem, key: settings.tls.keyPem }, handler);
    // Track raw sockets so close() can end idle keep-alive and hung connections at once.
    this.httpServer.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get quirks(): Quirks {
    return this.settings.quirks;
  }

  setQuirks(quirks: Partial<Quirks>): void {
    Object.assign(this.settings.quirks, quirks);
  }

  /** `"*"` with null clears every fault; with a fault it applies to functions without their own. */
  setFault(functionName: string, fault: Fault | null): void {
    if (fault !== null) this.faults.set(functionName, { ...fault });
    else if (functionName === '*') this.faults.clear();
    else this.faults.delete(functionName);
  }

  stats(): SimulatorStats {
    return { totalRequests: this.totalRequests, calls: { ...this.calls } };
  }

  resetStats(): void {
    this.totalRequests = 0;
    this.calls = {};
    this.requests.splice(0);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  recordRequest(record: ReceivedRequest): void {
    this.requests.push(record);
    if (this.requests.length > this.settings.maxLoggedRequests) {
      this.requests.splice(0, this.requests.length - this.settings.maxLoggedRequests);
    }
    this.totalRequests += 1;
  }

  countCall(functionName: string): void {
    this.calls[functionName] = (this.calls[functionName] ?? 0) + 1;
  }

  /** The fault for this function (a specific one wins over "*"), used up when `times` runs out. */
  takeFault(functionName: string): Fault | undefined {
    const key = this.faults.has(functionName) ? functionName : this.faults.has('*') ? '*' : undefined;
    if (key === undefined) return undefined;
    const fault = this.faults.get(key);
    if (fault === undefined) return undefined;
    if (fault.times !== undefined) {
      const remaining = fault.times - 1;
      if (remaining <= 0) this.faults.delete(key);
      else this.faults.set(key, { ...fault, times: remaining });
      if (fault.times <= 0) return undefined;
    }
    return fault;
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
