import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate, getIntrospectionQuery, type ValidationContext, Kind, print } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { loadTypeDefs, EXAMPLE_OPERATIONS_FILE } from '../../src/server.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
function metrics(src: string) {
  const out: Record<string, number[]> = { depth: [], cost: [], aliases: [], directives: [] };
  const acc = (k: string) => [(_c: ValidationContext | null, d: { n: number }) => { out[k]!.push(d.n); }];
  const doc = parse(src);
  const errs = validate(schema, doc, [
    costLimitRule({ maxCost: 1e12, onAccept: acc('cost') }),
    maxDepthRule({ n: 1e6, onAccept: acc('depth') }),
    maxAliasesRule({ n: 1e6, onAccept: acc('aliases') }),
    maxDirectivesRule({ n: 1e6, onAccept: acc('directives') }),
  ]);
  const p = new MaxTokensParserWLexer(src, { n: 1e9 }); p.parseDocument();
  return { ...out, tokens: p.tokenCount, errs: errs.map((e) => e.message) };
}
const file = readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8');
const doc = parse(file);
for (const def of doc.definitions) {
  if (def.kind === Kind.OPERATION_DEFINITION) console.log(def.name?.value, JSON.stringify(metrics(print(def))));
}
console.log('WHOLE', JSON.stringify(metrics(file)));
console.log('INTROSPECTION', JSON.stringify(metrics(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))));
const extra = {
  monitor100: `{ transferSessions(first: 100) { nodes { id state progress { percent queues { queue percent } } items { name state failure } } } }`,
  monitor100b: `{ transferSessions(first: 100) { totalCount nodes { id kind state stateName isFinished remoteHost createdAt progress { percent completedBytes totalBytes queues { queue completedItems totalItems failedItems percent } } items { module name localName state failure warnings } } pageInfo { hasNextPage endCursor } } }`,
  monitor100events: `{ transferSessions(first: 100) { nodes { id state progress { percent queues { queue percent } } items { name state failure } events(last: 5) { at action item message } } } }`,
  edges100: `{ transferSessions(first: 100) { edges { cursor node { id state progress { percent queues { queue percent } } items { name state failure } } } } }`,
  deep7: `{ restoreQueue { completed { session { analysis { accounts { localUser { exists } } } } } } }`,
  monitorSessionFull: `query($id: ID!) { transferSession(id: $id) { id state stateName isFinished remoteHost createdAt createdBy adopted progress { percent completedBytes totalBytes completed queues { queue totalItems completedItems failedItems totalBytes completedBytes percent } } items { module kind name localName size state warnings skippedItems dangerousItems alteredItems failure message startedAt finishedAt transferLogFile restoreLogFile } events(last: 50) { at action type queue childNumber item itemType localItem logfile message } log(tailLines: 200) { file text lineCount truncated } errorLog(tailLines: 200) { text truncated } } }`,
};
for (const [k, v] of Object.entries(extra)) console.log(k, JSON.stringify(metrics(v)));
