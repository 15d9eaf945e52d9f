// The table of test/e2e/whm-answer-shapes.test.ts: for each WHM function the catalogue exposes in
// GraphQL, one operation that makes the gateway call it, and what a success without `data` must give.
// The cases live in two halves (transfer, restore); what they share is in the .support.ts file.
import { RESTORE_CASES } from './whm-answer-shapes.restore-cases.js';
import type { ShapeCases } from './whm-answer-shapes.support.js';
import { TRANSFER_CASES } from './whm-answer-shapes.transfer-cases.js';

export * from './whm-answer-shapes.support.js';

export const SHAPE_CASES: ShapeCases = { ...TRANSFER_CASES, ...RESTORE_CASES };
