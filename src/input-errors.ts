// Bad input answered as such before it reaches the database: a string holding NUL (U+0000, which
// PostgreSQL text cannot store) anywhere in the arguments, and variables that do not coerce to
// their type, each BAD_USER_INPUT naming the variable.
import { visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from './schema/errors.js';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsNul);
}

// Parsed documents are cached and reused: each is walked once.
const walked = new WeakMap<DocumentNode, boolean>();

function literalWithNul(document: DocumentNode): boolean {
  const known = walked.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  walked.set(document, found);
  return found;
}

// graphql-js words every coercion failure 'Variable "$name" got invalid value …' or '… of
// required type … was not provided.'
const VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/;

export function useInputErrors(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const [withNul] = Object.entries(args.variableValues ?? {}).find(([, v]) => holdsNul(v)) ?? [];
      if (withNul) {
        setResultAndStopExecution({
          errors: [
            badInput(`Variable "$${withNul}" holds a NUL character (U+0000), which no text here can contain.`, { variable: withNul }),
          ],
        });
        return;
      }
      if (literalWithNul(args.document as DocumentNode)) {
        setResultAndStopExecution({
          errors: [badInput('A string argument holds a NUL character (U+0000), which no text here can contain.')],
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || result.data !== undefined) return;
          setResult({
            ...result,
            errors: result.errors.map((e) => {
              const variable = VARIABLE.exec(e.message)?.[1];
              const code = e.extensions?.code;
              return variable && (code === undefined || code === 'BAD_USER_INPUT') ? badInput(e.message, { ...e.extensions, variable }) : e;
            }),
          });
        },
      };
    },
  };
}
