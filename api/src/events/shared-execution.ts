import { mapAsyncIterator } from '@graphql-tools/utils';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { visibilityKey, type Caller } from '../domain/caller.js';

type SharedResults = Map<string, Promise<ExecutionResult>>;

/** Per source event (the feed hands every subscriber of an organization the same event object). */
const resultsByEvent = new WeakMap<object, SharedResults>();
const documentIds = new WeakMap<DocumentNode, number>();
let lastDocumentId = 0;

/**
 * The variables that can change a subscription's payload: all but those used only in the root field's
 * arguments, which choose the stream (a day, a work order, `after`) and not what is sent for an event.
 */
function payloadVariables(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>) {
  const operation = getOperationAST(document, operationName);
  const used = new Set<string>();
  const collect = (node: ASTNode | readonly ASTNode[] | undefined) => {
    if (!node) return;
    for (const each of Array.isArray(node) ? node : [node]) visit(each, { Variable: (variable) => void used.add(variable.name.value) });
  };
  for (const definition of document.definitions) {
    if (definition !== operation) collect(definition);
  }
  collect(operation?.directives);
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind === 'Field') {
      collect(selection.directives);
      collect(selection.selectionSet);
    } else {
      collect(selection);
    }
  }
  return Object.fromEntries(Object.entries(variables).filter(([name]) => used.has(name)));
}

function executionKey(args: ExecutionArgs): string | null {
  const caller = (args.contextValue as { caller: Caller | null }).caller;
  if (!caller) return null;
  let documentId = documentIds.get(args.document);
  if (documentId === undefined) documentIds.set(args.document, (documentId = ++lastDocumentId));
  const variables = payloadVariables(args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
  return JSON.stringify([documentId, args.operationName ?? null, variables, visibilityKey(caller)]);
}

function executeOncePerEvent(event: unknown, key: string, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  if (typeof event !== 'object' || event === null) return run();
  let results = resultsByEvent.get(event);
  if (!results) resultsByEvent.set(event, (results = new Map()));
  let result = results.get(key);
  if (!result) results.set(key, (result = run()));
  return result;
}

/**
 * Subscribers of the same operation, with the same payload variables and the same visibility, share one
 * execution per live event: 10,000 open boards of a day cost one execution of the payload, not 10,000.
 * Each subscriber keeps its own source stream (its own replay, order and filter); only the work of
 * turning an event into a response is shared, and only between callers who may see exactly the same.
 */
export function useSharedSubscriptionExecution(): Plugin<{ caller: Caller | null }> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return source;
        const key = executionKey(args);
        const run = (event: unknown) => async () => execute({ ...args, rootValue: event });
        return mapAsyncIterator(source, (event) => (key ? executeOncePerEvent(event, key, run(event)) : run(event)()));
      });
    },
  };
}
