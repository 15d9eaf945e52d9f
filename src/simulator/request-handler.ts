// How the simulator answers one HTTP request: control endpoints, then /json-api/<function> with
// fault injection, WHM authentication, parameter parsing and the call itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runBatch } from './batch.js';
import { handleControl, type ControlHost } from './control-endpoints.js';
import { failure, renderEnvelope } from './envelope.js';
import type { FunctionResult } from './envelope.js';
import { callFunction } from './functions/index.js';
import { HTML_TYPE, JSON_TYPE, TEXT_TYPE, readBody, safeDecode, send } from './http-io.js';
import { CPANEL_TOKEN_REFUSED, LEGACY_ACCESS_DENIED, LOGIN_PAGE, NOT_FOUND_PAGE, PROXY_PAGE, statusPage } from './http-pages.js';
import { Args, parseFormPairs } from './params.js';
import type { SimulatorState } from './state.js';
import type { AuthConfig, Fault, Quirks, ReceivedRequest, TlsMaterial } from './types.js';

export interface ServerSettings {
  auth: AuthConfig;
  authFailureStyle: 'html' | 'legacy';
  quirks: Quirks;
  maxBatchCommands: number;
  /** The request log keeps this many newest entries, so a long-running simulator stays bounded. */
  maxLoggedRequests: number;
  tls?: TlsMaterial;
}

/** What request handling needs from the server that owns the faults, the statistics and the request log. */
export interface RequestHost extends ControlHost {
  readonly state: SimulatorState;
  readonly settings: ServerSettings;
  /** Logs a /json-api request and counts it. */
  recordRequest(record: ReceivedRequest): void;
  /** The fault to apply to this request, if any (used up as `times` runs out). */
  takeFault(functionName: string): Fault | undefined;
  countCall(functionName: string): void;
  delay(ms: number): Promise<void>;
}

const JSON_API_PATH = /^(?:\/cpsess\d+)?\/json-api\/([^/]+)\/?$/;

type AuthOutcome = { ok: true; user: string } | { ok: false; kind: 'unauthorized' | 'cpanel-token' };

export async function handleRequest(host: RequestHost, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const rawUrl = request.url ?? '/';
  const questionMark = rawUrl.indexOf('?');
  const path = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
  const query = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);

  if (path.startsWith('/__sim/')) {
    handleControl(host, request.method ?? 'GET', path, body, response);
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
  host.recordRequest(record);
  const reply = (status: number, contentType: string, text: string): void => {
    record.response = { status, headers: { 'content-type': contentType }, body: text };
    send(response, status, contentType, text);
  };

  const fault = host.takeFault(functionName);
  let forcedFailure: string | null = null;
  if (fault !== undefined) {
    switch (fault.kind) {
      case 'api-failure':
        // Applied once the caller is authenticated, like a real failure of the function.
        forcedFailure = fault.reason;
        break;
      case 'latency':
        await host.delay(fault.ms);
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

  const { settings } = host;
  const auth = authenticate(settings.auth, request.headers.authorization);
  if (!auth.ok) {
    if (auth.kind === 'cpanel-token') reply(403, TEXT_TYPE, `${CPANEL_TOKEN_REFUSED}\n`);
    else if (settings.authFailureStyle === 'legacy') reply(401, JSON_TYPE, LEGACY_ACCESS_DENIED);
    else reply(401, HTML_TYPE, LOGIN_PAGE);
    return;
  }
  if (record.method !== 'GET' && record.method !== 'POST') {
    reply(405, TEXT_TYPE, 'Only GET and POST are supported.\n');
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

  host.countCall(functionName);
  let outcome: FunctionResult;
  if (forcedFailure !== null) {
    outcome = failure(forcedFailure);
  } else if (apiVersion !== '1') {
    // Legacy "API 0" output is out of scope: answer in the API 1 envelope with a clear reason.
    outcome = failure('This server only answers WHM API 1 calls: add “api.version=1” to the request.');
  } else {
    const state = host.state;
    const context = { args, user: auth.user, isRoot: auth.user === 'root', state, now: state.now() };
    outcome =
      functionName === 'batch'
        ? runBatch(context, {
            quirks: settings.quirks,
            maxCommands: settings.maxBatchCommands,
            countCall: (name) => host.countCall(name),
          })
        : callFunction(functionName, context);
  }
  reply(200, JSON_TYPE, JSON.stringify(renderEnvelope(functionName, outcome, settings.quirks)));
}

function authenticate(config: AuthConfig, header: string | undefined): AuthOutcome {
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
    const expected = config.tokens[user];
    return token !== '' && expected === token ? { ok: true, user } : { ok: false, kind: 'unauthorized' };
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(detail, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return { ok: false, kind: 'unauthorized' };
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const expected = config.passwords[user];
    return password !== '' && expected === password ? { ok: true, user } : { ok: false, kind: 'unauthorized' };
  }
  return { ok: false, kind: 'unauthorized' };
}
