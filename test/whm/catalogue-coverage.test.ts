// The catalogue is the index of WHM functions: each one it lists must be answered by the simulator,
// called by a client test in test/whm/, and either exposed by GraphQL fields that exist in the
// schema or marked clientOnly with a reason. Adding a function without all of that fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/simulator/functions/index.js';
import { WHM_FUNCTION_NAMES, WHM_FUNCTIONS, type WhmFunctionName } from '../../src/whm/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = join(HERE, '..', '..', 'schema');
const THIS_FILE = 'catalogue-coverage.test.ts';

const schema = buildSchema(
  readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'))
    .join('\n'),
);

// Every test source of test/whm/ but this one, which names every function.
const clientTestSources = readdirSync(HERE)
  .filter((file) => file.endsWith('.test.ts') && file !== THIS_FILE)
  .map((file) => ({ file, text: readFileSync(join(HERE, file), 'utf8') }));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Test files that call the function: `call('name', …)` or a batch entry `function: 'name'`. */
function testsCalling(name: WhmFunctionName): string[] {
  const quoted = `['"]${escapeRegExp(name)}['"]`;
  const calling = new RegExp(`\\bcall\\(\\s*${quoted}|\\bfunction:\\s*${quoted}`);
  return clientTestSources.filter((source) => calling.test(source.text)).map((source) => source.file);
}

/** Why `Type.field` is not a field of the schema, or null when it is. */
function missingField(coordinate: string): string | null {
  const [typeName = '', fieldName = '', ...rest] = coordinate.split('.');
  if (rest.length > 0 || typeName === '' || fieldName === '') return `"${coordinate}" is not Type.field`;
  const type = schema.getType(typeName);
  if (!type) return `no type ${typeName} in the schema`;
  if (!isObjectType(type) && !isInterfaceType(type)) return `${typeName} has no fields`;
  return Object.hasOwn(type.getFields(), fieldName) ? null : `${typeName} has no field ${fieldName}`;
}

describe('the WHM function catalogue', () => {
  it('lists functions', () => {
    expect(WHM_FUNCTION_NAMES.length).toBeGreaterThan(30);
  });

  it('every function has a simulator handler', () => {
    const unhandled = WHM_FUNCTION_NAMES.filter((name) => !Object.hasOwn(FUNCTIONS, name));
    expect(unhandled).toEqual([]);
  });

  it('every function is called by a client test in test/whm/', () => {
    const untested = WHM_FUNCTION_NAMES.filter((name) => testsCalling(name).length === 0);
    expect(untested).toEqual([]);
  });

  it('every function names GraphQL fields that exist, or says why it has none', () => {
    const problems: string[] = [];
    const clientOnly: string[] = [];
    for (const name of WHM_FUNCTION_NAMES) {
      const info = WHM_FUNCTIONS[name];
      if (info.clientOnly !== undefined) {
        if (info.clientOnly.trim() === '') problems.push(`${name}: clientOnly without a reason`);
        else clientOnly.push(`${name}: ${info.clientOnly}`);
        continue;
      }
      if (info.graphql.length === 0) problems.push(`${name}: neither GraphQL fields nor a clientOnly reason`);
      for (const coordinate of info.graphql) {
        const missing = missingField(coordinate);
        if (missing) problems.push(`${name}: ${missing}`);
      }
    }
    console.info(`WHM functions without a GraphQL field (${clientOnly.length}):\n  ${clientOnly.join('\n  ')}`);
    expect(problems).toEqual([]);
  });

  it('the checks can fail: an unknown field and an uncalled name are caught', () => {
    expect(missingField('Query.noSuchField')).toMatch(/no field noSuchField/);
    expect(missingField('NoSuchType.field')).toMatch(/no type/);
    expect(missingField('Query')).toMatch(/not Type.field/);
    expect(testsCalling('no_such_function' as WhmFunctionName)).toEqual([]);
  });
});
