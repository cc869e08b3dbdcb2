// Work derived from a parsed query and its variables, kept with the document. Yoga's parser cache
// hands out one DocumentNode per query text, so a repeated query finds its entry again; the
// entries die with the document, and each document keeps a few variable sets at most.
import type { DocumentNode } from 'graphql';

const PER_DOCUMENT = 32;

export function perDocument<V>() {
  const byDocument = new WeakMap<DocumentNode, Map<string, V>>();
  return (document: DocumentNode, operationName: string | null | undefined, variables: unknown, compute: () => V): V => {
    let entries = byDocument.get(document);
    if (!entries) {
      entries = new Map();
      byDocument.set(document, entries);
    }
    const key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
    if (entries.has(key)) return entries.get(key) as V;
    const value = compute();
    if (entries.size >= PER_DOCUMENT) entries.clear();
    entries.set(key, value);
    return value;
  };
}
