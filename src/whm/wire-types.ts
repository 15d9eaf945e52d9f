// WHM API 1 wire scalars and request parameter values, shared by every function's types.
// Values keep WHM's own looseness (numbers and 0/1 flags may arrive as strings) because real
// servers differ from the spec (shared REFERENCE.md §3.3, §4).

/** A number that some WHM versions send as a string ("1", "3000"). */
export type WhmNumber = number | string;
/** WHM's Boolean: 0/1, sometimes "0"/"1". Requests always send 0/1. */
export type WhmFlag = 0 | 1 | '0' | '1';
/** Boolean request parameter: WHM accepts 0/1 only; `true`/`false` are converted by the transport. */
export type WhmBooleanParam = 0 | 1 | boolean;

export type WhmParamValue = string | number | boolean | readonly (string | number)[] | undefined;
export type WhmParams = { readonly [name: string]: WhmParamValue };
