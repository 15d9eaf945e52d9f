// Federation entity references (`_entities`). Each resolves exactly like the root field that reads the
// same object, through the same per-request access: the server is authorized first (FORBIDDEN for a
// server the caller may not use), bad keys are BAD_USER_INPUT with no WHM call, and the references of
// one `_entities` call load together — 200 sessions cost one registry read and one WHM batch per tier.
import type { WhmServerEntry } from '../config.js';
import type { GatewayContext } from '../context.js';
import { badUserInput, isUnknownSessionError } from '../errors.js';
import { checkSessionId, checkUsername } from '../validation.js';
import type { SystemUserModel, TransferSessionRef } from './models.js';
import { loadSystemUser } from './system-users.js';

/** Where a bad reference is reported: the `representations` argument of `_entities`. */
const FIELD = ['representations'];

type Representation = Record<string, unknown>;
type ResolveReference<Model> = (reference: Representation, context: GatewayContext) => Model | null | Promise<Model | null>;

function keyString(reference: Representation, name: string, typename: string): string {
  const value = reference[name];
  if (typeof value !== 'string') throw badUserInput(`A ${typename} reference needs \`${name}\` (a string).`, FIELD);
  return value;
}

/** The `server { name }` part of a key, authorized like any `server` argument. */
function keyServer(reference: Representation, context: GatewayContext, typename: string): string {
  const server = reference.server;
  const name = typeof server === 'object' && server !== null ? (server as Representation).name : undefined;
  if (typeof name !== 'string') throw badUserInput(`A ${typename} reference needs \`server { name }\`.`, FIELD);
  return context.servers.resolve(name, FIELD).entry.name;
}

const whmServer: ResolveReference<WhmServerEntry> = (reference, context) =>
  context.servers.resolve(keyString(reference, 'name', 'WhmServer'), FIELD).entry;

/** As Query.transferSession: the registry first, else WHM's state read (which the `state` field reuses). */
const transferSession: ResolveReference<TransferSessionRef> = async (reference, context) => {
  const key = {
    server: keyServer(reference, context, 'TransferSession'),
    id: checkSessionId(keyString(reference, 'id', 'TransferSession'), FIELD),
  };
  const record = await context.records.load(key);
  if (record) return { ...key, record };
  try {
    await context.sessions.state(key);
    return { ...key, record: null };
  } catch (error) {
    if (isUnknownSessionError(error)) return null;
    throw error;
  }
};

/** As Query.validateSystemUser: one validate_system_user read, batched with every other name of the tick. */
const systemUser: ResolveReference<SystemUserModel> = (reference, context) =>
  loadSystemUser(
    context,
    keyServer(reference, context, 'SystemUser'),
    checkUsername(keyString(reference, 'username', 'SystemUser'), FIELD),
  );

/** `__resolveReference` of each entity; @apollo/subgraph calls it as (reference, context, info). */
export const entityResolvers: Record<string, { __resolveReference: ResolveReference<unknown> }> = {
  WhmServer: { __resolveReference: whmServer },
  TransferSession: { __resolveReference: transferSession },
  SystemUser: { __resolveReference: systemUser },
};
