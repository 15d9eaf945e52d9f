import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

// Collects configuration problems so every one is reported at once, with the readers that add them.

export type Env = Record<string, string | undefined>;

export class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  integer(label: string, raw: unknown, min: number, max: number, fallback: number): number {
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(`${label} must be a whole number from ${min} to ${max} (got "${shown(raw)}")`);
      return fallback;
    }
    return value;
  }
  flag(label: string, raw: unknown): boolean {
    if (raw === undefined || raw === '' || raw === false) return false;
    if (raw === true) return true;
    const text = shown(raw).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.add(`${label} must be 1/0, true/false, yes/no or on/off (got "${shown(raw)}")`);
    return false;
  }
}

/** A raw setting as text for a message: a YAML object shows as JSON, not "[object Object]". */
function shown(raw: unknown): string {
  return typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A JSON or YAML settings file (by its extension), or undefined with the problem noted under `label`. */
export function readSettingsFile(label: string, path: string, problems: Problems): unknown {
  if (!existsSync(path)) {
    problems.add(`${label}: file ${path} does not exist`);
    return undefined;
  }
  try {
    const text = readFileSync(path, 'utf8');
    return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    problems.add(`${label}: ${path} cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
