// Function registry and the per-call wrapper that turns thrown failures into envelopes.
import { ApiFailure, failure } from '../envelope.js';
import type { FunctionResult } from '../envelope.js';
import type { CallContext, FunctionHandler } from './context.js';
import { restoreFunctions } from './restore.js';
import { transferFunctions } from './transfers.js';

export const FUNCTIONS: Readonly<Record<string, FunctionHandler>> = { ...transferFunctions, ...restoreFunctions };

export function unknownFunction(name: string): FunctionResult {
  return failure(`Unknown app (“${name}”) requested for this version (1) of the API.`);
}

export function callFunction(name: string, context: CallContext): FunctionResult {
  const handler = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (handler === undefined) return unknownFunction(name);
  try {
    return handler(context);
  } catch (error) {
    if (error instanceof ApiFailure) return failure(`API failure: ${error.detail}`);
    // An unexpected bug surfaces like an uncaught die in the real server.
    const message = error instanceof Error ? error.message : String(error);
    return failure(`API failure: ${message}\n`);
  }
}
