// The schema documents itself: every type and every field says what it is (Sandbox shows these).
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/server.js';

describe('schema', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const ownTypes = Object.values(schema.getTypeMap()).filter(
    (type) => !type.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name),
  );

  it('describes every type', () => {
    expect(ownTypes.filter((type) => !type.description?.trim()).map((type) => type.name)).toEqual([]);
  });

  it('describes every field and input field', () => {
    const undocumented: string[] = [];
    for (const type of ownTypes) {
      if (isScalarType(type) || isEnumType(type)) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values<{ name: string; description?: string | null }>(type.getFields())) {
          if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
