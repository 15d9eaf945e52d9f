// The simulator's HTTP(S) front: routing, WHM authentication, fault injection, statistics and the
// request log. Everything behind it (functions, sessions) is plain synchronous code.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { runBatch } from './batch.js';
import { failure, renderEnvelope } from './envelope.js';
import type { FunctionResult, JsonValue } from './envelope.js';
import { callFunction } from './functions/index.js';
import {
  CPANEL_TOKEN_REFUSED,
  LEGACY_ACCESS_DENIED,
  LOGIN_PAGE,
  NOT_FOUND_PAGE,
  PROXY_PAGE,
  statusPage,
} from './http-pages.js';
import { Args, parseFormPairs } from './params.js';
import type { SimulatorState } from './state.js';
import type { AuthConfig, Fault, Quirks, ReceivedRequest, SimulatorStats, TlsMaterial } from './types.js';

export interface ServerSettings {
  auth: AuthConfig;
  authFailureStyle: 'html' | 'legacy';
  quirks: Quirks;
  maxBatchCommands: number;
  /** The request log keeps this many newest entries, so a long-running simulator stays bounded. */
  maxLoggedRequests: number;
  tls?: TlsMaterial;
}

const JSON_API_PATH = /^(?:\/cpsess\d+)?\/json-api\/([^/]+)\/?$/;
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

type AuthOutcome = { ok: true; user: string } | { ok: false; kind: 'unauthorized' | 'cpanel-token' };

export class SimulatorServer {
  readonly httpServer: Server;
  readonly requests: ReceivedRequest[] = [];
  private totalRequests = 0;
  private calls: Record<string, number> = {};
  private readonly faults = new Map<string, Fault>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly state: SimulatorState,
    private readonly settings: ServerSettings,
  ) {
    const handler = (request: IncomingMessage, response: ServerResponse): void => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent && !response.destroyed) {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
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

  private countCall(functionName: string): void {
    this.calls[functionName] = (this.calls[functionName] ?? 0) + 1;
  }

  /** The fault for this function (a specific one wins over "*"), used up when `times` runs out. */
  private takeFault(functionName: string): Fault | undefined {
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

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const rawUrl = request.url ?? '/';
    const questionMark = rawUrl.indexOf('?');
    const path = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
    const query = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);

    if (path.startsWith('/__sim/')) {
      this.handleControl(request.method ?? 'GET', path, body, response);
      return;
    }
    const match = JSON_API_PATH.exec(path);
    if (match?.[1] === undefined) {
      send(response, 404, HTML_TYPE, NOT_FOUND_PAGE);
      return;
    }
    const functionName = safeDecode(match[1]);
    const record: ReceivedRequest = {
      method: request.method ?? 'GET',
      url: rawUrl,
      headers: { ...request.headers },
      body,
      functionName,
      receivedAt: Date.now(),
    };
    this.requests.push(record);
    if (this.requests.length > this.settings.maxLoggedRequests) {
      this.requests.splice(0, this.requests.length - this.settings.maxLoggedRequests);
    }
    this.totalRequests += 1;
    const reply = (status: number, contentType: string, text: string): void => {
      record.response = { status, headers: { 'content-type': contentType }, body: text };
      send(response, status, contentType, text);
    };

    const fault = this.takeFault(functionName);
    let forcedFailure: string | null = null;
    if (fault !== undefined) {
      switch (fault.kind) {
        case 'api-failure':
          // Applied once the caller is authenticated, like a real failure of the function.
          forcedFailure = fault.reason;
          break;
        case 'latency':
          await this.delay(fault.ms);
          break;
        case 'status':
          reply(fault.status, HTML_TYPE, fault.body ?? statusPage(fault.status));
          return;
        case 'reset':
          request.socket.destroy();
          return;
        case 'hang':
          // Never answered; close() destroys the socket.
          return;
        case 'html':
          reply(200, HTML_TYPE, PROXY_PAGE);
          return;
        case 'invalid-json': {
          const full = JSON.stringify({ metadata: { command: functionName, reason: 'OK', result: 1, version: 1 } });
          reply(200, JSON_TYPE, full.slice(0, Math.floor(full.length / 2)));
          return;
        }
      }
    }

    const auth = this.authenticate(request.headers.authorization);
    if (!auth.ok) {
      if (auth.kind === 'cpanel-token') reply(403, 'text/plain; charset=utf-8', `${CPANEL_TOKEN_REFUSED}\n`);
      else if (this.settings.authFailureStyle === 'legacy') reply(401, JSON_TYPE, LEGACY_ACCESS_DENIED);
      else reply(401, HTML_TYPE, LOGIN_PAGE);
      return;
    }
    if (record.method !== 'GET' && record.method !== 'POST') {
      reply(405, 'text/plain; charset=utf-8', 'Only GET and POST are supported.\n');
      return;
    }

    const contentType = String(request.headers['content-type'] ?? '');
    const bodyPairs =
      record.method === 'POST' && (contentType === '' || contentType.includes('application/x-www-form-urlencoded'))
        ? parseFormPairs(body)
        : [];
    const args = Args.fromPairs([...parseFormPairs(query), ...bodyPairs]);
    const apiVersion = args.get('api.version');
    for (const key of args.keys()) if (key.startsWith('api.')) args.delete(key);

    this.countCall(functionName);
    let outcome: FunctionResult;
    if (forcedFailure !== null) {
      outcome = failure(forcedFailure);
    } else if (apiVersion !== '1') {
      // Legacy "API 0" output is out of scope: answer in the API 1 envelope with a clear reason.
      outcome = failure('This server only answers WHM API 1 calls: add “api.version=1” to the request.');
    } else {
      const context = { args, user: auth.user, isRoot: auth.user === 'root', state: this.state, now: this.state.now() };
      outcome =
        functionName === 'batch'
          ? runBatch(context, {
              quirks: this.settings.quirks,
              maxCommands: this.settings.maxBatchCommands,
              countCall: (name) => this.countCall(name),
            })
          : callFunction(functionName, context);
    }
    reply(200, JSON_TYPE, JSON.stringify(renderEnvelope(functionName, outcome, this.settings.quirks)));
  }

  private authenticate(header: string | undefined): AuthOutcome {
    if (header === undefined) return { ok: false, kind: 'unauthorized' };
    const trimmed = header.trim();
    const space = trimmed.indexOf(' ');
    const scheme = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
    const detail = space === -1 ? '' : trimmed.slice(space + 1).trim();
    if (scheme === 'cpanel') return { ok: false, kind: 'cpanel-token' };
    if (scheme === 'whm') {
      const colon = detail.indexOf(':');
      if (colon <= 0) return { ok: false, kind: 'unauthorized' };
      const user = detail.slice(0, colon);
      // Access hashes are sent with their newlines removed; tolerate stray whitespace the same way.
      const token = detail.slice(colon + 1).replace(/\s+/g, '');
      const expected = this.settings.auth.tokens[user];
      return token !== '' && expected === token ? { ok: true, user } : { ok: false, kind: 'unauthorized' };
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(detail, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon <= 0) return { ok: false, kind: 'unauthorized' };
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      const expected = this.settings.auth.passwords[user];
      return password !== '' && expected === password ? { ok: true, user } : { ok: false, kind: 'unauthorized' };
    }
    return { ok: false, kind: 'unauthorized' };
  }

  /** /__sim/* lets a separately started simulator be driven over HTTP; no auth needed. */
  private handleControl(method: string, path: string, body: string, response: ServerResponse): void {
    const json = (status: number, value: JsonValue): void => send(response, status, JSON_TYPE, JSON.stringify(value));
    const parsed = (): unknown => {
      try {
        return body === '' ? {} : (JSON.parse(body) as unknown);
      } catch {
        return undefined;
      }
    };
    if (method === 'GET' && path === '/__sim/stats') {
      const { totalRequests, calls } = this.stats();
      json(200, { totalRequests, calls });
      return;
    }
    if (method === 'POST' && path === '/__sim/reset-stats') {
      this.resetStats();
      json(200, { ok: true });
      return;
    }
    if (method === 'POST' && path === '/__sim/faults') {
      const input = parsed();
      if (!isRecord(input) || typeof input['function'] !== 'string') {
        json(400, { error: 'Send {"function": "<name>|*|batch", "fault": {...} | null}.' });
        return;
      }
      const fault = input['fault'];
      if (fault !== null && !isFault(fault)) {
        json(400, { error: 'Unknown fault: use kind latency|status|reset|hang|html|invalid-json|api-failure.' });
        return;
      }
      this.setFault(input['function'], fault);
      json(200, { ok: true });
      return;
    }
    if (method === 'POST' && path === '/__sim/quirks') {
      const input = parsed();
      if (!isRecord(input)) {
        json(400, { error: 'Send {"stringNumbers"?: bool, "stringResult"?: bool, "warningsAsString"?: bool}.' });
        return;
      }
      const quirks: Partial<Quirks> = {};
      for (const key of ['stringNumbers', 'stringResult', 'warningsAsString'] as const) {
        const value = input[key];
        if (typeof value === 'boolean') quirks[key] = value;
      }
      this.setQuirks(quirks);
      json(200, { ...this.settings.quirks });
      return;
    }
    if (method === 'GET' && path === '/__sim/sessions') {
      this.state.refresh();
      json(200, [...this.state.sessions.values()].map((session) => session.describe()));
      return;
    }
    json(404, { error: `No simulator control endpoint ${method} ${path}.` });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFault(value: unknown): value is Fault {
  if (!isRecord(value)) return false;
  if (value['times'] !== undefined && typeof value['times'] !== 'number') return false;
  switch (value['kind']) {
    case 'latency':
      return typeof value['ms'] === 'number';
    case 'status':
      return typeof value['status'] === 'number' && (value['body'] === undefined || typeof value['body'] === 'string');
    case 'reset':
    case 'hang':
    case 'html':
    case 'invalid-json':
      return true;
    case 'api-failure':
      return typeof value['reason'] === 'string';
    default:
      return false;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  if (response.destroyed) return;
  const payload = Buffer.from(text, 'utf8');
  response.writeHead(status, { 'content-type': contentType, 'content-length': payload.length });
  response.end(payload);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
