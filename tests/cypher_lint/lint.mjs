// Reads [{name, text}] as JSON on stdin; prints [{name, errors}] with Neo4j's syntax errors.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const queries = JSON.parse(Buffer.concat(chunks).toString('utf8'));
// Parameters are bound at run time; declare every one the text uses so only syntax is judged.
const declared = (text) =>
  Object.fromEntries([...text.matchAll(/\$(\w+)/g)].map((m) => [m[1], null]));
const results = queries.map(({ name, text }) => ({
  name,
  errors: lintCypherQuery(text, { parameters: declared(text) }).diagnostics
    .filter((d) => d.severity === 1)
    .map((d) => d.message),
}));
process.stdout.write(JSON.stringify(results));
