// Simulated time: real elapsed time × speedFactor, anchored at the real time the simulator started.
// Sessions are advanced lazily to `now()` whenever a request touches them, so no timers are needed.
import { randomInt } from 'node:crypto';

export class SimClock {
  private readonly realStart: number;

  constructor(
    private readonly realNow: () => number,
    readonly speedFactor: number,
  ) {
    this.realStart = realNow();
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.realStart + (this.realNow() - this.realStart) * this.speedFactor;
  }
}

export function epochSeconds(simMs: number): number {
  return Math.floor(simMs / 1000);
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomAlphanumeric(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return text;
}

/** YYYYMMDDhhmmss in the server's local time zone. */
export function compactTimestamp(simMs: number): string {
  const date = new Date(simMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    String(date.getFullYear()) +
    two(date.getMonth() + 1) +
    two(date.getDate()) +
    two(date.getHours()) +
    two(date.getMinutes()) +
    two(date.getSeconds())
  );
}

/**
 * Transfer session IDs (REFERENCE §1.3): first 15 chars of the template + an initiator part
 * (the first 5 chars of the initiator for transfers) + timestamp, stripped to [0-9A-Za-z_], then
 * random padding. Transfer sessions pad to 36 characters; the restore paths (examples like
 * "example202003301756425ugO", "userbackup20200406154758JqBa") add 4 characters.
 */
export function makeSessionId(template: string, initiatorPart: string, simMs: number, padding: 'to36' | 'four'): string {
  const base = (template.slice(0, 15) + initiatorPart + compactTimestamp(simMs)).replace(/[^0-9A-Za-z_]/g, '');
  const padLength = padding === 'to36' ? 36 - base.length : 4;
  return base + randomAlphanumeric(padLength);
}
