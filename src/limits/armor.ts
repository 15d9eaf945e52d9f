// Query-shape limits (graphql-armor): depth, cost, aliases, tokens, directives, and no field
// suggestions. Each limit is sized from the schema and from src/examples/workflow.graphql (measured
// with graphql-armor's own counters; the queries are in test/limits/armor.test.ts):
//
//   limit        value  legitimate high-water mark                     abusive example (refused)
//   depth           10  8 = deepest path the schema has (restoreQueue   20 levels
//                       completed session analysis accounts localUser
//                       server name); workflow ops ≤ 5
//   cost        30 000  19 119 = a dashboard page: transferSessions(  180 725 = transferSessions(first: 100)
//                       first: 100) with 20 fields, progress, items and  × events(last: 100)
//                       events(last: 5); 4 888 = the monitoring query
//                       of the brief; workflow ops ≤ 663 (Sessions)
//   aliases         30  0 in every example; 30 leaves room for a page    500 aliases
//                       of aliased transferSession(id:) lookups
//   tokens       5 000  485 = the whole workflow.graphql document (what  100 000 tokens (parsing stops at
//                       Sandbox may send), 183 = Sandbox's introspection  5 001, so the cost is bounded)
//                       query; 5 000 also fits an inline enqueue of ~300
//                       accounts or ~4 000 literal usernames
//   directives      20  0 in every example; a handful of @include/@skip  a directive flood
//
// Cost is graphql-armor's model: object 2, scalar 1, ×1.5 per level, × the literal `first`/`last`
// argument of a list field. A `first` given as a variable is not multiplied (graphql-armor only reads
// literals); transferSessions refuses `first` above 100 anyway. Fragments are flattened for depth and cost, so
// clients that use fragments (Apollo Client, codegen) are measured like inline selections.
//
// What a client sees: every validation-rule refusal (depth, cost, aliases, directives) is
// `extensions.code: GRAPHQL_VALIDATION_FAILED` with HTTP 400 (graphql-armor reports BAD_USER_INPUT,
// and Apollo Server rewrites every validation error's code to GRAPHQL_VALIDATION_FAILED). The token
// limit is not a validation rule: graphql-armor throws it from a parsingDidStart hook (its own parser
// runs before Apollo's) and maps it, through its unexpectedErrorProcessingRequest hook, to
// GRAPHQL_VALIDATION_FAILED but with HTTP 500. That hook does the same to a plain syntax error
// (which Apollo alone answers 400 GRAPHQL_PARSE_FAILED) and to ANY unexpected error, raw text
// included (which would then escape production masking under a "known" code). `armorErrorsPlugin`
// runs before graphql-armor's hook and restores sane answers: token limit → 400
// GRAPHQL_VALIDATION_FAILED; syntax error → 400 GRAPHQL_PARSE_FAILED; anything else → Apollo's own
// behaviour (logged; 500 "Internal server error", INTERNAL_SERVER_ERROR).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationRule } from 'graphql';

export const ARMOR_LIMITS = {
  maxDepth: 10,
  maxCost: 30_000,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 20,
} as const;

export interface ArmorOptions {
  /** Production: refusal messages name the limit hit but not its value. */
  production: boolean;
}

/** graphql-armor's whole `protect()` result, with its plugins typed for Apollo Server 5. */
export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** From graphql-armor: one operation per HTTP request, so a rate-limit point is one operation. */
  allowBatchedHttpRequests: false;
  /** From graphql-armor; spread apolloProductionOptions() after this to keep stack traces in development. */
  includeStacktraceInErrorResponses: false;
}

/** Errors graphql-armor's token-counting parser threw because of the token limit. */
const tokenLimitRejections = new WeakSet<object>();

function isSyntaxError(error: Error): boolean {
  // Not `instanceof GraphQLError`: graphql-armor is CommonJS and may hold another copy of graphql.
  return error.name === 'GraphQLError' && error.message.startsWith('Syntax Error:');
}

/**
 * Must come before graphql-armor's plugins: Apollo runs every plugin's unexpectedErrorProcessingRequest
 * in one Promise.all, in plugin order, and the first rejection is what the client gets.
 */
function armorErrorsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const beforeParse = requestContext.document === undefined;
      if (tokenLimitRejections.has(error)) {
        throw new GraphQLError(error.message, {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
        });
      }
      if (beforeParse && isSyntaxError(error)) {
        throw new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } });
      }
      // Apollo would log this itself, but the rejection below (like graphql-armor's) pre-empts it.
      requestContext.logger.error(`Unexpected error processing request: ${String(error)}`);
      throw new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    },
  };
}

export function createArmor(options: ArmorOptions): Armor {
  // Limits are no secret (development); production names the limit without its value.
  const exposeLimits = !options.production;
  const armor = new ApolloArmor({
    maxDepth: {
      n: ARMOR_LIMITS.maxDepth,
      flattenFragments: true,
      exposeLimits,
      errorMessage: 'Query is too deep.',
    },
    costLimit: {
      maxCost: ARMOR_LIMITS.maxCost,
      flattenFragments: true,
      exposeLimits,
      errorMessage: 'Query is too costly: ask for fewer items or fields.',
    },
    maxAliases: { n: ARMOR_LIMITS.maxAliases, exposeLimits, errorMessage: 'Query has too many aliases.' },
    maxTokens: {
      n: ARMOR_LIMITS.maxTokens,
      exposeLimits,
      errorMessage: 'Query is too long.',
      onReject: [(_context, error) => tokenLimitRejections.add(error)],
    },
    maxDirectives: { n: ARMOR_LIMITS.maxDirectives, exposeLimits, errorMessage: 'Query has too many directives.' },
    // Off: its mask leaves "[Suggestion hidden]?" in messages and lets enum-value suggestions through.
    // hideSuggestionsPlugin below removes every suggestion instead.
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return {
    ...protection,
    // graphql-armor's typings resolve @apollo/server through its CommonJS entry under NodeNext.
    plugins: [armorErrorsPlugin(), hideSuggestionsPlugin(), ...(protection.plugins as ApolloServerPlugin[])],
  };
}

/** graphql-js ends a message with its suggestion: 'Did you mean "a" or "b"?', '… the enum value "X"?', '… to use …?'. */
const SUGGESTION = / ?Did you mean .*\?$/s;

/** Drops one trailing suggestion, keeping the rest of the message as graphql-js wrote it. */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Always on, in development too: suggestions ("Did you mean …") reveal field, argument, type and enum value
 * names even with introspection off. Validation errors and variable coercion errors (which graphql-js
 * raises at execution) both pass through didEncounterErrors before they are formatted.
 */
function hideSuggestionsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestion(error.message);
        },
      };
    },
  };
}
