import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal.js';

const hasNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
};

const documentHasNul = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
};

const nulRefusal = () => refusal('Text may not contain NUL (\\u0000) characters', 'BAD_USER_INPUT');

/** PostgreSQL cannot store a NUL character in text: refuse such input before anything runs. */
export function useRejectNulCharacters(): Plugin {
  const check = (document: DocumentNode, variables: unknown) => hasNul(variables) || documentHasNul(document);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (check(args.document, args.variableValues)) setResultAndStopExecution({ errors: [nulRefusal()] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (check(args.document, args.variableValues)) setResultAndStopExecution({ errors: [nulRefusal()] });
    },
  };
}
