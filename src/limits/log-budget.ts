// Log text is the one thing a viewer can ask for in bulk (100 sessions × 30 aliased logs was 217 MB).
// Two bounds: before any WHM call, an operation may select at most MAX_LOG_FIELDS log-bearing fields
// once page sizes are multiplied in; and while it runs, all its log fields together return at most
// the request's byte budget (later fields are cut, `truncated: true`, and the response says so).
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Fields whose answers carry log text or log-sized lists. */
const LOG_FIELDS = new Set(['log', 'errorLog', 'events']);
/** Default for GATEWAY_MAX_RESPONSE_LOG_BYTES. */
export const DEFAULT_MAX_RESPONSE_LOG_BYTES = 4 * 1024 * 1024;
/** A page of 100 sessions with both logs and events stays allowed; thirty aliased logs per session do not. */
export const MAX_LOG_FIELDS = 300;
/** transferSessions: its schema default and its cap (a `first` given as a variable counts as the cap). */
const PAGE_DEFAULT = 20;
const PAGE_MAX = 100;

export class LogBudget {
  private remaining: number;
  truncatedFields = 0;

  constructor(readonly limitBytes: number) {
    this.remaining = limitBytes;
  }

  /** Bytes the next log field may return (at most `fieldMax`). */
  allowance(fieldMax: number): number {
    return Math.min(fieldMax, this.remaining);
  }

  /** Records what a field returned; `cutByBudget` when the budget, not the field's own cap, cut it. */
  spend(bytes: number, cutByBudget: boolean): void {
    this.remaining = Math.max(0, this.remaining - bytes);
    if (cutByBudget) this.truncatedFields += 1;
  }
}

function pageSizeOf(field: FieldNode): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  if (!first) return PAGE_DEFAULT;
  return first.value.kind === Kind.INT ? Math.min(Number(first.value.value), PAGE_MAX) : PAGE_MAX;
}

/** Log-bearing fields a selection may return, with list multipliers applied; fragments flattened. */
export function countLogFields(
  selectionSet: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | null | undefined,
  seen: ReadonlySet<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (LOG_FIELDS.has(selection.name.value)) count += 1;
      else if (selection.selectionSet) {
        const inner = countLogFields(selection.selectionSet, fragment, seen);
        count += selection.name.value === 'transferSessions' ? inner * pageSizeOf(selection) : inner;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countLogFields(selection.selectionSet, fragment, seen);
    } else if (!seen.has(selection.name.value)) {
      const definition = fragment(selection.name.value);
      if (definition) count += countLogFields(definition.selectionSet, fragment, new Set([...seen, selection.name.value]));
    }
  }
  return count;
}

/** Validation rule: refuses, before execution, an operation that may return too many logs. */
export function logFieldLimitRule(maxLogFields = MAX_LOG_FIELDS): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const count = countLogFields(operation.selectionSet, (name) => context.getFragment(name), new Set());
      if (count > maxLogFields) {
        context.reportError(
          new GraphQLError(
            `This operation may return ${count} log fields (log, errorLog, events, multiplied by page sizes); the limit is ${maxLogFields}. Ask for fewer sessions or fewer logs at once.`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

/** Tells the client, in the response's extensions, when the request's log budget cut fields. */
export function logBudgetPlugin<Context extends { limits: { logBudget: LogBudget } }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const budget = contextValue.limits.logBudget;
          if (budget.truncatedFields === 0 || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            logBudget: { limitBytes: budget.limitBytes, truncatedFields: budget.truncatedFields },
          };
        },
      };
    },
  };
}
