// Lint Cypher statements with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support). Reads a JSON array of statements on stdin and writes a
// JSON array of {statement, errors} on stdout; only errors (severity 1) are reported, and
// "parameter not defined" is ignored since parameters are only known at run time.
const { lintCypherQuery, isNotParamError } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const statements = JSON.parse(input);
  const out = statements.map((statement) => {
    const result = lintCypherQuery(statement, {});
    const diagnostics = Array.isArray(result) ? result : result.diagnostics;
    const errors = diagnostics
      .filter((d) => d.severity === 1)
      .filter((d) => (isNotParamError ? isNotParamError(d) : !/^Parameter \$/.test(d.message)))
      .map((d) => d.message);
    return { statement, errors };
  });
  process.stdout.write(JSON.stringify(out));
});
