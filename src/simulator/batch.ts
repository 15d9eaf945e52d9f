// WHM `batch` (REFERENCE §2.21, §3.5): sub-commands "function?query" run in order, each with its
// own full envelope in data.result; the outer result is 0 (data still present) if any failed.
import { failure, renderEnvelope, xid } from './envelope.js';
import type { FunctionResult, JsonValue } from './envelope.js';
import type { CallContext } from './functions/context.js';
import { callFunction } from './functions/index.js';
import { Args, parseFormPairs } from './params.js';
import type { Quirks } from './types.js';

export interface BatchEnvironment {
  quirks: Quirks;
  maxCommands: number;
  /** Counts each sub-call under its own function name. */
  countCall(functionName: string): void;
}

export const BATCH_FAILED_REASON = 'One or more of the batch commands failed.';

export function runBatch(context: CallContext, environment: BatchEnvironment): FunctionResult {
  const commands = context.args.repeated('command');
  if (commands.length === 0) return failure(`API failure: ${xid('Provide at least one “command” argument.')}`);
  if (commands.length > environment.maxCommands) {
    return failure(`The batch contains ${commands.length} commands, but the limit is ${environment.maxCommands}.`);
  }
  const abortOnError = context.args.flag('abort_on_error') === 1;
  const results: JsonValue[] = [];
  let anyFailed = false;
  for (const command of commands) {
    const questionMark = command.indexOf('?');
    const functionName = questionMark === -1 ? command : command.slice(0, questionMark);
    const query = questionMark === -1 ? '' : command.slice(questionMark + 1);
    const args = Args.fromPairs(parseFormPairs(query).filter(([key]) => !key.startsWith('api.')));
    environment.countCall(functionName);
    const outcome =
      functionName === 'batch'
        ? failure('A batch command cannot call “batch”.')
        : callFunction(functionName, { ...context, args });
    results.push(renderEnvelope(functionName, outcome, environment.quirks));
    if (outcome.result === 0) {
      anyFailed = true;
      if (abortOnError) break;
    }
  }
  return {
    result: anyFailed ? 0 : 1,
    reason: anyFailed ? BATCH_FAILED_REASON : 'OK',
    data: { result: results },
    dataIsRendered: true,
  };
}
