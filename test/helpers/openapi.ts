// Reads cPanel's OpenAPI specs from ../shared/whm-api (never copied into the project) and checks
// requests and responses against them with Ajv.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

export const SPEC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/whm-api');
export const SPECS_PRESENT = existsSync(SPEC_DIR) && readdirSync(SPEC_DIR).some((file) => file.endsWith('.yml'));

type Json = Record<string, unknown>;
export type Schema = Json;

export interface ParamSpec {
  required: boolean;
  schema: Schema;
}

export interface OperationSpec {
  name: string;
  file: string;
  /** Parameter name → spec; for enqueue_transfer_item, per module (see `paramsFor`). */
  params: Map<string, ParamSpec>;
  /** Only for operations with a module-discriminated form body. */
  bodyByModule: Map<string, Map<string, ParamSpec>> | null;
  responseSchema: Schema | null;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(document: Json, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  let node: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) node = isRecord(node) ? node[part] : undefined;
  if (!isRecord(node)) throw new Error(`unresolvable $ref ${ref}`);
  return resolveRef(document, node);
}

/** Properties and required names of an object schema, following allOf and $ref. */
function flattenObject(document: Json, schema: Schema, into = new Map<string, ParamSpec>()): Map<string, ParamSpec> {
  const resolved = resolveRef(document, schema);
  for (const part of (resolved.allOf as Schema[] | undefined) ?? []) flattenObject(document, part, into);
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries((resolved.properties as Json | undefined) ?? {})) {
    const previous = into.get(name);
    into.set(name, { schema: property as Schema, required: required.has(name) || (previous?.required ?? false) });
  }
  for (const name of required) {
    const existing = into.get(name);
    if (existing) existing.required = true;
  }
  return into;
}

export function loadOperations(): Map<string, OperationSpec> {
  const operations = new Map<string, OperationSpec>();
  for (const file of readdirSync(SPEC_DIR).filter((name) => name.endsWith('.yml'))) {
    const document = parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as Json;
    for (const [path, item] of Object.entries(document.paths as Json)) {
      const operation = (item as Json).get as Json | undefined;
      if (!operation) continue;
      const name = path.replace(/^\//, '');
      const params = new Map<string, ParamSpec>();
      for (const parameter of (operation.parameters as Json[] | undefined) ?? []) {
        params.set(parameter.name as string, {
          required: parameter.required === true,
          schema: (parameter.schema as Schema | undefined) ?? {},
        });
      }
      let bodyByModule: Map<string, Map<string, ParamSpec>> | null = null;
      const bodySchema = (
        ((operation.requestBody as Json | undefined)?.content as Json | undefined)?.['application/x-www-form-urlencoded'] as
          Json | undefined
      )?.schema as Schema | undefined;
      if (bodySchema) {
        const union = resolveRef(document, bodySchema);
        const mapping = ((union.discriminator as Json | undefined)?.mapping as Record<string, string> | undefined) ?? {};
        bodyByModule = new Map();
        for (const [module, ref] of Object.entries(mapping)) {
          bodyByModule.set(module, flattenObject(document, { $ref: ref }));
        }
      }
      const response = (
        (((operation.responses as Json | undefined)?.['200'] as Json | undefined)?.content as Json | undefined)?.[
          'application/json'
        ] as Json | undefined
      )?.schema as Schema | undefined;
      operations.set(name, {
        name,
        file,
        params,
        bodyByModule,
        // Response schemas $ref the document's components: carry them along so Ajv can resolve them.
        responseSchema: response ? { ...resolveRef(document, response), components: document.components } : null,
      });
    }
  }
  return operations;
}

// Formats matter where the spec tells IPv4 from IPv6 with oneOf; other (unknown) formats are ignored.
function withIpFormats(instance: Ajv): Ajv {
  instance.addFormat('ipv4', (value: string) => isIP(value) === 4);
  instance.addFormat('ipv6', (value: string) => isIP(value) === 6);
  return instance;
}
const ajv = withIpFormats(new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes: true }));
const strictAjv = withIpFormats(new Ajv({ strict: false, allErrors: true, logger: false }));
const cache = new Map<string, ValidateFunction>();

function compile(schema: Schema, coerce: boolean): ValidateFunction {
  const key = `${coerce}:${JSON.stringify(schema)}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = (coerce ? ajv : strictAjv).compile(schema);
    cache.set(key, validate);
  }
  return validate;
}

/**
 * A form value (always a string on the wire) against a parameter schema, types coerced. A
 * parameter `oneOf` is read as `anyOf`: the spec writes "this enum, or any string" as oneOf
 * (fetch_transfer_session_log's logfile), which no enum value could ever satisfy.
 */
export function formValueProblems(schema: Schema, value: string): string[] {
  const holder = { value };
  const { oneOf, ...rest } = schema;
  const readable = oneOf ? { ...rest, anyOf: oneOf } : schema;
  const validate = compile({ type: 'object', properties: { value: readable } }, true);
  return validate(holder) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

export interface SchemaProblem {
  path: string;
  message: string;
}

export function responseProblems(schema: Schema, body: unknown): SchemaProblem[] {
  const validate = compile(schema, false);
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => ({ path: error.instancePath, message: error.message ?? 'invalid' }));
}
