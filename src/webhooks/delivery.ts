// One delivery attempt: a signed POST of the stored body, with a deadline, no redirect followed, and
// the answer's body read and thrown away (at most 64 KiB, so the connection can be reused). Only a
// 2xx counts as delivered. What is reported back names no URL, secret or signature.
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import type { WebhookTarget } from './types.js';

const MAX_DISCARDED_BYTES = 64 * 1024;

export type AttemptResult = { ok: true; httpStatus: number } | { ok: false; httpStatus: number | null; error: string };

export async function attemptDelivery(
  target: WebhookTarget,
  delivery: { eventId: string; payload: string },
  now: () => number = Date.now,
): Promise<AttemptResult> {
  const timestamp = Math.floor(now() / 1000);
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'whm-graphql-gateway-webhooks/1',
        'webhook-id': delivery.eventId,
        [SIGNATURE_HEADER]: signWebhook(target.secret.reveal(), delivery.payload, timestamp),
      },
      body: delivery.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    return { ok: false, httpStatus: null, error: describeFailure(error, target.timeoutMs) };
  }
  await discardBody(response);
  if (response.status >= 200 && response.status < 300) return { ok: true, httpStatus: response.status };
  const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  return { ok: false, httpStatus: response.status, error: `HTTP ${response.status}${redirect}` };
}

async function discardBody(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read <= MAX_DISCARDED_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The answer's status is all that counts; a body cut short (or timed out) changes nothing.
  }
}

/** The failure in a few words: the kind of error and its system code, never a message that could quote the URL. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  return code ? `could not connect or send (${code})` : 'could not connect or send';
}
