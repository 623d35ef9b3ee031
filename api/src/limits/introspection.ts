import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.js';
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
export function useIntrospectionForSignedIn(production: boolean): Plugin<Context> {
  if (!production) return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!(args.contextValue as Context).caller && readsSchema(args.document)) {
        setResultAndStopExecution({ errors: [refusal('Sign in to read the schema', 'FORBIDDEN')] });
      }
    },
  };
}
