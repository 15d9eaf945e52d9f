// Every file below a directory, for tests that scan what the gateway wrote to disk.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
