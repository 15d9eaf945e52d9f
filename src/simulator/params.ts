// WHM-style request parameters: query string and form body merged, repeated keys renamed
// key, key-0, key-1 … in arrival order (REFERENCE §3.1, §2.21).

export class Args {
  private readonly values = new Map<string, string>();

  static fromPairs(pairs: Iterable<[string, string]>): Args {
    const args = new Args();
    for (const [key, value] of pairs) args.add(key, value);
    return args;
  }

  /** Adds a value; a repeated key goes to the first free `key-N` slot, as cpsrvd's form parser does. */
  add(key: string, value: string): void {
    if (!this.values.has(key)) {
      this.values.set(key, value);
      return;
    }
    let suffix = 0;
    while (this.values.has(`${key}-${suffix}`)) suffix += 1;
    this.values.set(`${key}-${suffix}`, value);
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  entries(): [string, string][] {
    return [...this.values.entries()];
  }

  /** Perl truthiness: missing, "" and "0" are false. */
  flag(key: string): 0 | 1 {
    const value = this.values.get(key);
    return value === undefined || value === '' || value === '0' ? 0 : 1;
  }

  /** Values of `key`, `key-0`, `key-1` … ordered unsuffixed first, then by numeric suffix. */
  repeated(key: string): string[] {
    const numbered: [number, string][] = [];
    let plain: string | undefined;
    const pattern = new RegExp(`^${escapeRegExp(key)}-(\\d+)$`);
    for (const [name, value] of this.values) {
      if (name === key) plain = value;
      const match = pattern.exec(name);
      if (match?.[1] !== undefined) numbered.push([Number(match[1]), value]);
    }
    numbered.sort((a, b) => a[0] - b[0]);
    return [...(plain === undefined ? [] : [plain]), ...numbered.map(([, value]) => value)];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses `a=1&b=2` the way a CGI form parser does ("+" is a space). */
export function parseFormPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (text === '') return pairs;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    pairs.push([decodeFormComponent(rawKey), decodeFormComponent(rawValue)]);
  }
  return pairs;
}

function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed escapes are kept literally rather than failing the whole request.
    return spaced;
  }
}
