// Webhook targets (GATEWAY_WEBHOOKS): a JSON or YAML file listing the URLs that receive session
// events, the events each wants, an optional server filter, and the environment variable holding
// its signing secret (never the secret itself, so the file can be committed).
import { resolve } from 'node:path';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookTarget } from '../webhooks/types.js';
import { Secret } from '../whm/index.js';
import { type Env, type Problems, optionalString, readSettingsFile } from './problems.js';

const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
/** As for JWT secrets: an HMAC key is only as strong as its length. */
const MIN_SECRET_BYTES = 32;

function readDocument(path: string, problems: Problems): unknown[] {
  const document = readSettingsFile('GATEWAY_WEBHOOKS', path, problems) as { webhooks?: unknown } | unknown[] | null | undefined;
  if (document === undefined) return [];
  const list = Array.isArray(document) ? document : document?.webhooks;
  if (!Array.isArray(list) || list.length === 0) {
    problems.add(`GATEWAY_WEBHOOKS: ${path} must contain a non-empty "webhooks" list`);
    return [];
  }
  return list;
}

function targetFrom(
  raw: unknown,
  label: string,
  env: Env,
  serverNames: readonly string[],
  problems: Problems,
): WebhookTarget | null {
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const before = problems.list.length;
  const name = optionalString(fields.name);
  if (!name || !TARGET_NAME.test(name)) problems.add(`${label}: name must be 1–63 letters, digits, ".", "_" or "-"`);
  const url = optionalString(fields.url);
  if (!url) problems.add(`${label}: url is required`);
  else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      problems.add(`${label}: url is not a valid URL`);
    }
    if (parsed && parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      problems.add(`${label}: url must start with https:// or http://`);
  }
  let events: WebhookEventType[] = [...WEBHOOK_EVENT_TYPES];
  if (fields.events !== undefined) {
    const listed = Array.isArray(fields.events) ? (fields.events as unknown[]) : [];
    if (listed.length === 0 || !listed.every(isWebhookEventType)) {
      problems.add(`${label}: events must be a non-empty list of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    } else events = [...new Set(listed)];
  }
  let servers: string[] | null = null;
  if (fields.servers !== undefined) {
    const listed = Array.isArray(fields.servers) ? (fields.servers as unknown[]) : [];
    if (listed.length === 0 || !listed.every((server): server is string => typeof server === 'string')) {
      problems.add(`${label}: servers must be a non-empty list of server names`);
    } else {
      // Demo mode has no configured servers to check against.
      const unknown = serverNames.length > 0 ? listed.filter((server) => !serverNames.includes(server)) : [];
      if (unknown.length > 0) problems.add(`${label}: servers names unknown server(s) ${unknown.join(', ')}`);
      servers = listed;
    }
  }
  // Only the variable's name is ever shown: the secret stays out of every message.
  const secretEnv = optionalString(fields.secretEnv);
  const secret = secretEnv ? optionalString(env[secretEnv]) : undefined;
  if (fields.secret !== undefined) problems.add(`${label}: put the secret in an environment variable and name it in secretEnv`);
  else if (!secretEnv) problems.add(`${label}: secretEnv (the environment variable holding the signing secret) is required`);
  else if (!secret) problems.add(`${label}: environment variable ${secretEnv} (secretEnv) is not set`);
  else if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES || /^(.)\1*$/su.test(secret)) {
    problems.add(`${label}: the secret in ${secretEnv} must be at least ${MIN_SECRET_BYTES} bytes, not one repeated character`);
  }
  const timeoutMs = problems.integer(`${label}: timeoutMs`, fields.timeoutMs, 100, 120_000, 10_000);
  if (problems.list.length > before || !name || !url || !secret) return null;
  return { name, url, events, servers, secret: new Secret(secret), timeoutMs };
}

/** The configured targets; empty when GATEWAY_WEBHOOKS is unset (no watcher, no deliveries). */
export function loadWebhooks(env: Env, cwd: string, serverNames: readonly string[], problems: Problems): WebhookTarget[] {
  const file = optionalString(env.GATEWAY_WEBHOOKS);
  if (!file) return [];
  const targets = readDocument(resolve(cwd, file), problems).flatMap((raw, index) => {
    const target = targetFrom(raw, `GATEWAY_WEBHOOKS webhooks[${index}]`, env, serverNames, problems);
    return target ? [target] : [];
  });
  const names = targets.map((target) => target.name);
  for (const name of new Set(names)) {
    if (names.filter((other) => other === name).length > 1)
      problems.add(`GATEWAY_WEBHOOKS: webhook name "${name}" is used twice`);
  }
  return targets;
}
