// Validates an AsyncAPI document against the AsyncAPI specification (schemas and the parser's rules),
// offline. Usage: node validate-asyncapi.mjs <file>. Prints one line per diagnostic,
//   <error|warning|information|hint> <code> <path>: <message>
// and exits 1 when the document has an error or a warning.
import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";

const severities = ["error", "warning", "information", "hint"];
const { diagnostics } = await new Parser().parse(readFileSync(process.argv[2], "utf8"));
let failed = false;
for (const d of diagnostics) {
  failed ||= d.severity <= 1;
  console.log(`${severities[d.severity]} ${d.code} ${d.path.join(".")}: ${d.message}`);
}
process.exit(failed ? 1 : 0);
