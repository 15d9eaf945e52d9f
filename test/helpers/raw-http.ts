// Plain node:http requests for tests that need what fetch will not send: a forged Host header, a
// chosen client address (any 127.x.y.z on Linux), a body on a GET, odd content-encodings.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Client address to send from, e.g. 127.0.0.2. */
  localAddress?: string;
}

/** `baseUrl` is the gateway's URL (any path); `path` replaces its path. */
export function rawRequest(baseUrl: string, request: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        method: request.method ?? 'GET',
        path: request.path ?? url.pathname,
        // Explicit: node sends a GET body with neither content-length nor chunked encoding otherwise.
        headers:
          request.body === undefined
            ? request.headers
            : { 'content-length': String(Buffer.byteLength(request.body)), ...request.headers },
        localAddress: request.localAddress,
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The GraphQL-shaped error code of a JSON answer, or undefined. */
export function errorCode(response: RawResponse): unknown {
  try {
    const body = JSON.parse(response.text) as { errors?: { extensions?: { code?: unknown } }[] };
    return body.errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}
