// The gate in front of the WebSocket endpoint, checked on the HTTP upgrade request (express never sees
// it): the path, open mode's Host check (DNS rebinding), and the browser Origin. A web page may open
// a WebSocket to any address, CORS does not apply, so without the Origin check any site a user visits
// could read an open-mode gateway on their machine. Clients outside browsers send no Origin.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { isLoopbackHost } from '../http/middleware.js';

export interface UpgradeGateOptions {
  path: string;
  authMode: 'required' | 'open';
  /** GATEWAY_CORS_ORIGINS; the gateway's own origin (its Sandbox page) is always allowed. */
  corsOrigins: readonly string[];
}

export interface UpgradeRefusal {
  status: 403 | 404 | 503;
  code: string;
  message: string;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host.toLowerCase() === (host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

export function upgradeRefusal(
  request: http.IncomingMessage,
  options: UpgradeGateOptions,
  closing: boolean,
): UpgradeRefusal | null {
  const path = new URL(request.url ?? '/', 'http://gateway').pathname;
  if (path !== options.path) return { status: 404, code: 'NOT_FOUND', message: `No WebSocket endpoint at ${path}.` };
  if (closing) return { status: 503, code: 'SHUTTING_DOWN', message: 'The gateway is shutting down.' };
  const { host, origin } = request.headers;
  if (options.authMode === 'open' && !isLoopbackHost(host)) {
    const message = 'This gateway runs without credentials and answers only to localhost, 127.0.0.1 or [::1].';
    return { status: 403, code: 'FORBIDDEN', message };
  }
  if (origin !== undefined && !options.corsOrigins.includes(origin) && !sameOrigin(origin, host)) {
    return { status: 403, code: 'FORBIDDEN', message: 'This origin may not open a WebSocket here (GATEWAY_CORS_ORIGINS).' };
  }
  return null;
}

const STATUS_TEXT: Record<UpgradeRefusal['status'], string> = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

/** A refused upgrade gets the JSON answer every refusal before GraphQL gets. */
export function refuseUpgrade(socket: Duplex, { status, code, message }: UpgradeRefusal): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** connection_init keys, whatever their case (x-api-key, X-API-Key, Authorization …). */
export function credential(payload: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  const entry = Object.entries(payload ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
export const closeReason = (text: string): string => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 110)}…`);
