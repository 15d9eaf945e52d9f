// One call from master.log text to everything the gateway shows about a session's log.
import { parseTransferLogEvents, type SkippedLogLine, type TransferEvent } from './events.js';
import { collectTransferItemOutcomes, type TransferItemOutcome } from './items.js';
import { computeTransferProgress, type TransferProgress } from './progress.js';
import { summarizeTransferSession, type TransferSessionFacts } from './session.js';

export interface ParsedTransferLog {
  events: TransferEvent[];
  session: TransferSessionFacts;
  /** Items the log mentions, in order of first appearance (items not yet picked up do not appear). */
  items: TransferItemOutcome[];
  progress: TransferProgress;
  /** Physical lines read. */
  lineCount: number;
  /** Lines that produced no event (blank, not JSON, not an object, no contents, truncated). */
  skippedLineCount: number;
  /** Details of the first skipped lines. */
  skippedLines: SkippedLogLine[];
  /** The file ended mid-line (it is read while being written); the next poll will have the rest. */
  truncatedLastLine: boolean;
}

/** Never throws: any text, including '' and garbage, gives a result. */
export function parseTransferLog(text: string): ParsedTransferLog {
  const { events, lineCount, skippedLineCount, skippedLines, truncatedLastLine } = parseTransferLogEvents(text);
  const session = summarizeTransferSession(events);
  const items = collectTransferItemOutcomes(events);
  const progress = computeTransferProgress(session, items);
  return { events, session, items, progress, lineCount, skippedLineCount, skippedLines, truncatedLastLine };
}
