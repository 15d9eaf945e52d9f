// One delivery attempt against a local server: signed, 2xx only, redirects not followed, a deadline,
// the answer's body read no further than a cap, and failures described without the URL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptDelivery } from '../../src/webhooks/delivery.js';
import { verifyWebhookSignature, type WebhookTarget } from '../../src/webhooks/index.js';
import { Secret } from '../../src/whm/index.js';

const SECRET = 'delivery-test-secret-0123456789abcdef';
const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (request.url === '/ok') response.writeHead(204).end();
      else if (request.url === '/moved') response.writeHead(302, { location: '/elsewhere' }).end();
      else if (request.url === '/endless') {
        // An answer that never ends: the gateway reads 64 KiB of it at most, then hangs up.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let open = true;
        response.once('close', () => (open = false));
        const more = () => {
          while (open && response.write(chunk));
          if (open) response.once('drain', more);
        };
        more();
      } else if (request.url === '/slow') {
        // Never answers; the attempt's deadline ends it.
      } else response.writeHead(500).end('nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const target = (path: string, timeoutMs = 2_000): WebhookTarget => ({
  name: 'test',
  url: `${base}${path}`,
  events: ['session.finished'],
  servers: null,
  secret: new Secret(SECRET),
  timeoutMs,
});
const delivery = { eventId: 'evt_0123', payload: '{"id":"evt_0123","type":"session.finished"}' };

describe('a webhook delivery attempt', () => {
  it('POSTs the stored body, signed, with its event id, and counts a 2xx as delivered', async () => {
    expect(await attemptDelivery(target('/ok'), delivery)).toEqual({ ok: true, httpStatus: 204 });
    const request = seen.find((entry) => entry.path === '/ok');
    expect(request?.body).toBe(delivery.payload);
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'evt_0123' });
    expect(verifyWebhookSignature(SECRET, delivery.payload, request?.headers['webhook-signature'] as string)).toBe(true);
  });

  it('fails on any other status, and does not follow a redirect', async () => {
    expect(await attemptDelivery(target('/broken'), delivery)).toEqual({ ok: false, httpStatus: 500, error: 'HTTP 500' });
    expect(await attemptDelivery(target('/moved'), delivery)).toEqual({
      ok: false,
      httpStatus: 302,
      error: 'HTTP 302 (redirects are not followed)',
    });
    expect(seen.some((entry) => entry.path === '/elsewhere')).toBe(false);
  });

  it('reads an answer no further than its cap (an endless one would hold it until its one-minute deadline)', async () => {
    expect(await attemptDelivery(target('/endless', 60_000), delivery)).toEqual({ ok: true, httpStatus: 200 });
  }, 15_000);

  it('gives up at its deadline, and names a refused connection by its code only', async () => {
    expect(await attemptDelivery(target('/slow', 200), delivery)).toEqual({
      ok: false,
      httpStatus: null,
      error: 'no answer within 200 ms',
    });
    const refusing = http.createServer();
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const { port } = refusing.address() as AddressInfo;
    await new Promise((resolve) => refusing.close(resolve));
    const result = await attemptDelivery({ ...target('/ok'), url: `http://127.0.0.1:${port}/path?token=abc` }, delivery);
    expect(result).toEqual({ ok: false, httpStatus: null, error: 'could not connect or send (ECONNREFUSED)' });
  });
});
