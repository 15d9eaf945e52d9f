// Idempotency keys for mutations (the `Idempotency-Key` header): a repeat of a request with the
// same key and the same input returns the first answer without calling WHM again (creating a
// session can take WHM 300 s, and clients retry after their own timeouts). Keys live 24 h in the
// registry, per caller, so every replica knows them.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, print, visit, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Input names whose values are credentials: left out of the stored request hash. */
const CREDENTIAL_NAME = /pass|secret|token|authorization/i;
/** An earlier request with the key still unanswered after this long has an unknown outcome. */
const ABANDONED_AFTER_MS = 6 * 60 * 1000;

function withoutCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCredentials);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [name, CREDENTIAL_NAME.test(name) ? '[credential]' : withoutCredentials(inner)]),
  );
}

/** What the request asked, as a hash that holds no credential (not even hashed). */
export function requestHash(document: DocumentNode, operationName: string | undefined, variables: unknown): string {
  const redacted = visit(document, {
    ObjectField: (field) =>
      CREDENTIAL_NAME.test(field.name.value) ? { ...field, value: { kind: Kind.STRING, value: '[credential]' } } : undefined,
    Argument: (argument) =>
      CREDENTIAL_NAME.test(argument.name.value)
        ? { ...argument, value: { kind: Kind.STRING, value: '[credential]' } }
        : undefined,
  });
  return createHash('sha256')
    .update(JSON.stringify([print(redacted), operationName ?? null, withoutCredentials(variables ?? {})]))
    .digest('hex');
}

const refusal = (message: string, code: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

export function idempotencyPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get('idempotency-key') ?? null;
      if (key === null) return;
      let claimed: { caller: string; key: string } | null = null;
      let replay: GraphQLResponse | null = null;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          if (!KEY_PATTERN.test(key))
            throw refusal('Idempotency-Key must be 1–200 printable ASCII characters.', 'BAD_USER_INPUT', 400);
          const caller = `${contextValue.identity.kind}:${contextValue.identity.id}`;
          const hash = requestHash(document, request.operationName, request.variables);
          const claim = await contextValue.registry.idempotencyKeys.claim(caller, key, hash).catch((error: unknown) => {
            throw new GraphQLError('The gateway could not check the Idempotency-Key; nothing was sent to WHM.', {
              originalError: error instanceof Error ? error : undefined,
              extensions: { code: 'REGISTRY_UNAVAILABLE', http: { status: 503 } },
            });
          });
          if (claim.kind === 'claimed') {
            claimed = { caller, key };
            return;
          }
          if (claim.requestHash !== hash) {
            throw refusal(
              'This Idempotency-Key was used for a different request; use a new key for new input.',
              'IDEMPOTENCY_KEY_REUSED',
              422,
            );
          }
          if (claim.kind === 'pending') {
            const abandoned = Date.now() - claim.since.getTime() > ABANDONED_AFTER_MS;
            throw abandoned
              ? refusal(
                  'An earlier request with this key never finished; WHM may have acted. See whmWrites(unresolved: true).',
                  'IDEMPOTENCY_OUTCOME_UNKNOWN',
                  409,
                )
              : refusal(
                  'An earlier request with this key is still running; retry later for its answer.',
                  'IDEMPOTENCY_KEY_IN_USE',
                  409,
                );
          }
          replay = {
            http: { status: undefined, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
            body: { kind: 'single', singleResult: claim.response as FormattedExecutionResult },
          };
        },
        async responseForOperation() {
          return replay;
        },
        async willSendResponse({ response, contextValue }) {
          if (!claimed || response.body.kind !== 'single') return;
          const { caller, key: claimedKey } = claimed;
          const { data, errors } = response.body.singleResult;
          // The answer is the request's outcome; losing it only means a retry gets IN_USE until the key expires.
          await contextValue.registry.idempotencyKeys.answer(caller, claimedKey, { data, errors }).catch(() => undefined);
        },
      };
    },
  };
}
