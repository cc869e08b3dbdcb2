// The Yoga plugin that answers compilable reads with one SQL statement (src/compiled/compile.ts)
// and hands everything else, unchanged, to graphql-js. Registered before the response cache, so
// the cache wraps it: a hit never reaches it, and a miss runs it on the cache's copy of the
// document, whose extra fields (aliases of __typename and id) tag the stored entry by entity.
// Registered after, it answered misses behind the cache's back: entries went untagged, so a
// mutation could not evict them, and every miss logged a warning.
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { SearchSettings } from '../config.js';
import type { Context } from '../context.js';
import { archiveMemo } from '../db/archive-memo.js';
import { perDocument } from '../document-cache.js';
import { compileRead, type CompiledRead } from './compile.js';

/** Runs a compiled statement; resolves to its single JSON value. */
export type ReadValue = (sql: string, params: unknown[]) => Promise<unknown>;

const compiled = perDocument<CompiledRead | null>();

/**
 * A result whose body is the kept bytes `body` (`{"data":…}`): its data parsed only if a plugin
 * reads it (the response cache), and the bytes sent as they are otherwise. A day-by-day timeline
 * is 280 kB of JSON: parsing and writing it again, or even encoding the text, for every request
 * cost more than the rest of the request.
 */
function sentAsKept(body: Buffer): ExecutionResult {
  let data: Record<string, unknown> | undefined;
  return {
    get data() {
      data ??= (JSON.parse(body.toString()) as { data: Record<string, unknown> }).data;
      return data;
    },
    // Yoga's result processor calls a result's own stringify and makes the response's body of
    // what it returns: bytes are sent as they are (a batch joins them as text). Anything added to
    // the result (errors, extensions) is written out the usual way.
    stringify: (r: ExecutionResult) => (r.errors || r.extensions ? JSON.stringify(r) : (body as unknown as string)),
  } as ExecutionResult;
}

export function useCompiledReads(readValue: ReadValue, search: SearchSettings): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const read = compiled(args.document, args.operationName, args.variableValues, () =>
          compileRead(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined, search),
        );
        if (read) {
          const prisma = (args.contextValue as Context).prisma;
          const run = async () => {
            try {
              return ((await readValue(read.sql, read.params)) ?? undefined) as Record<string, unknown> | undefined;
            } catch {
              // The database failed the statement: the resolvers report it as a field error.
              return undefined;
            }
          };
          // The statement and its parameters are the question: the same ones, the same answer until a write.
          if (read.fromMemory) {
            const key = `${read.sql}\n${JSON.stringify(read.params)}`;
            const body = await archiveMemo(prisma).json(key, async () => {
              const data = await run();
              return data && { data };
            });
            if (body !== undefined) return sentAsKept(body);
          } else {
            const data = await run();
            if (data) return { data } as ExecutionResult;
          }
        }
        return executeFn(args);
      });
    },
  };
}
