// Shared by the client function tests: a call that must fail with a WHM API error.
import { expect } from 'vitest';
import { WhmApiError } from '../../src/whm/index.js';

/** Awaits `promise`, expecting a WhmApiError whose reason matches `reason`. */
export async function expectApiError(promise: Promise<unknown>, reason: RegExp): Promise<WhmApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a WhmApiError');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WhmApiError);
  expect((error as WhmApiError).reason).toMatch(reason);
  return error as WhmApiError;
}
