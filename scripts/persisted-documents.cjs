// A GraphQL Code Generator plugin (codegen.ts): the trusted-documents manifest for operations/,
// { "sha256:<hex>": document }, where the document is graphql-js's print of the operation and the
// fragments it spreads, and the hex is SHA-256 of that text: what sdk/index.ts sends as
// `documentId`, and what an APQ client hashing the same text sends as `sha256Hash`.
const { createHash } = require('node:crypto');
const { Kind, print, visit } = require('graphql');

function fragmentsUsed(definition, fragments, seen = new Set()) {
  visit(definition, {
    FragmentSpread(node) {
      const name = node.name.value;
      if (seen.has(name) || !fragments.has(name)) return;
      seen.add(name);
      fragmentsUsed(fragments.get(name), fragments, seen);
    },
  });
  return [...seen].sort().map((name) => fragments.get(name));
}

module.exports = {
  plugin(_schema, documents) {
    const definitions = documents.flatMap((d) => d.document.definitions);
    const fragments = new Map(definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const manifest = {};
    for (const operation of definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
      const text = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsed(operation, fragments)] });
      manifest[`sha256:${createHash('sha256').update(text).digest('hex')}`] = text;
    }
    return `${JSON.stringify(manifest, Object.keys(manifest).sort(), 2)}\n`;
  },
};
