// The Yoga plugin that answers compilable reads with one SQL statement (src/compiled/compile.ts)
// and hands everything else, unchanged, to graphql-js. Registered after the response cache, so a
// cache hit never reaches it and a miss is stored as usual.
import type { DocumentNode, ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { compileRead, type CompiledRead } from './compile.js';

/** Runs a compiled statement; resolves to its single JSON value. */
export type ReadValue = (sql: string, params: unknown[]) => Promise<unknown>;

// Yoga's parser cache hands out the same document for the same query text, so the compiled
// statement is kept with it, per operation and variables (a few per document at most).
const compiled = new WeakMap<DocumentNode, Map<string, CompiledRead | null>>();
const PER_DOCUMENT = 32;

function cachedCompile(args: ExecutionArgs): CompiledRead | null {
  let forDocument = compiled.get(args.document);
  if (!forDocument) compiled.set(args.document, (forDocument = new Map()));
  const key = `${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}`;
  let read = forDocument.get(key);
  if (read === undefined) {
    read = compileRead(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
    if (forDocument.size >= PER_DOCUMENT) forDocument.clear();
    forDocument.set(key, read);
  }
  return read;
}

export function useCompiledReads(readValue: ReadValue): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const read = cachedCompile(args);
        if (read) {
          try {
            const data = (await readValue(read.sql, read.params)) as Record<string, unknown> | null | undefined;
            // A null that stands for an error (no such person): let the resolvers say so.
            if (data && !read.nullIsError.some((key) => data[key] === null)) return { data } as ExecutionResult;
          } catch {
            // The database failed the statement: the resolvers report it as a field error.
          }
        }
        return executeFn(args);
      });
    },
  };
}
