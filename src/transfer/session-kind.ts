// What kind of session an ID belongs to, for sessions the registry never saw. WHM builds IDs from a
// template, the initiator's first five letters and a timestamp (REFERENCE §1.3): copyacct → "copya"
// for root transfers, norootcopy → "noroo" for user transfers; restores use other initiators.
export type SessionKindGuess = 'ROOT' | 'USER' | 'RESTORE';

const INITIATOR_BEFORE_TIMESTAMP = /(copya|noroo)\d{14}[0-9A-Za-z]*$/;

export function guessSessionKind(sessionId: string): SessionKindGuess {
  const initiator = INITIATOR_BEFORE_TIMESTAMP.exec(sessionId)?.[1];
  if (initiator === 'copya') return 'ROOT';
  if (initiator === 'noroo') return 'USER';
  return 'RESTORE';
}
