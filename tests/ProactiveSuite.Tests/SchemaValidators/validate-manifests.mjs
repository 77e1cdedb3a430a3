// Validates every document of the Kubernetes manifests against the schema of its apiVersion and kind, as
// bundled in kubernetes-models (the Kubernetes OpenAPI schemas; no cluster, no network).
// Usage: node validate-manifests.mjs <folder>. Prints one line per document:
//   valid <file> <kind> <name> | invalid <file> <kind> <name>: <errors> | unknown <file> <apiVersion> <kind> <name>
// and exits 1 when a document is invalid. "unknown" is a kind kubernetes-models has no schema for (an
// operator's custom resource); the test decides which of those are expected.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const folder = process.argv[2];
let failed = false;
for (const file of readdirSync(folder).filter((f) => f.endsWith(".yaml")).sort()) {
  for (const doc of yaml.loadAll(readFileSync(join(folder, file), "utf8"))) {
    if (!doc) continue;
    const { apiVersion, kind } = doc;
    const name = doc.metadata?.name;
    // kubernetes-models lays its classes out as <group>/<version>/<Kind>; the core group is just <version>.
    const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
    let model;
    try {
      model = (await import(modulePath))[kind];
    } catch {
      console.log(`unknown ${file} ${apiVersion} ${kind} ${name}`);
      continue;
    }
    try {
      new model(doc).validate();
      console.log(`valid ${file} ${kind} ${name}`);
    } catch (error) {
      failed = true;
      console.log(`invalid ${file} ${kind} ${name}: ${error.message.replaceAll("\n", "; ")}`);
    }
  }
}
process.exit(failed ? 1 : 0);
