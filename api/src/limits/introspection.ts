import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Caller } from '../domain/caller.js';
import { refusal } from './refusal.js';

function readsSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** In production only a signed-in caller may read the schema (`__schema`, `__type`); `__typename` is open to all. */
export function useIntrospectionForSignedIn(production: boolean): Plugin<{ caller: Caller | null }> {
  if (!production) return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!(args.contextValue as { caller: Caller | null }).caller && readsSchema(args.document)) {
        setResultAndStopExecution({ errors: [refusal('Sign in to read the schema', 'FORBIDDEN')] });
      }
    },
  };
}
