// Event cursors as arguments: checked before anything is read, so a bad one never reaches WHM.
import { badUserInput } from '../errors.js';
import { eventCursorLine, InvalidEventCursorError } from '../transfer/index.js';

export function checkEventCursor(cursor: string, field: readonly string[]): string {
  try {
    eventCursorLine(cursor);
    return cursor;
  } catch (error) {
    if (error instanceof InvalidEventCursorError) {
      throw badUserInput('Not an event cursor: pass a TransferEvent.cursor this gateway returned.', field);
    }
    throw error;
  }
}
