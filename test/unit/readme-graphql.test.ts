// The README's GraphQL is what readers paste into an explorer: every ```graphql block, and every complete
// inline selection in the API table (`field { … }` with no elided arguments or fields), must validate
// against the schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs, SCHEMA_DIR } from '../../src/server.js';

const README = readFileSync(join(SCHEMA_DIR, '..', 'README.md'), 'utf8');
const schema = buildSchema(loadTypeDefs().join('\n'));

function problems(document: string): string[] {
  try {
    return validate(schema, parse(document)).map((error) => error.message);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

const fencedBlocks = [...README.matchAll(/^```graphql\n([^]*?)^```$/gm)].map((match) => match[1] ?? '');

/** `servers`, `transferModules { … }` in a table row: the complete ones, wrapped as a query. */
function inlineSelections(markdown: string): string[] {
  const tableRows = markdown.split('\n').filter((line) => line.startsWith('|'));
  return tableRows
    .flatMap((row) => [...row.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''))
    .filter((span) => /^\w+ \{.*\}$/.test(span) && !/[(…]/.test(span));
}

describe('the GraphQL in README.md', () => {
  it('has ```graphql blocks, and every one validates against the schema', () => {
    expect(fencedBlocks.length).toBeGreaterThanOrEqual(1);
    expect(
      fencedBlocks
        .map((block) => ({ block: block.slice(0, 60), problems: problems(block) }))
        .filter((b) => b.problems.length > 0),
    ).toEqual([]);
  });

  it('shows API table selections that validate as written', () => {
    const selections = inlineSelections(README);
    expect(selections).toContain('transferModules { name priority schema { keys { name required } required } }');
    expect(selections.map((span) => ({ span, problems: problems(`{ ${span} }`) })).filter((s) => s.problems.length > 0)).toEqual(
      [],
    );
  });

  it('would notice a selection that does not validate', () => {
    expect(problems('{ transferModules { name priority schema { keys required } } }')).toEqual([
      'Field "keys" of type "[TransferModuleKey!]!" must have a selection of subfields. Did you mean "keys { ... }"?',
    ]);
  });
});
