import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { fetchQuery, type ConcreteRequest } from 'relay-runtime';
import WebSocket from 'ws';
import { ARMOR, COST, MAX_BODY_BYTES, THROTTLE } from '../../src/limits/policy.js';
import { schemaPath } from '../../src/schema/print.js';
import { serve } from '../support/api.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, transitionWorkOrder } from '../support/world.js';
import { createApolloClient, errorCode, followChanges, TRANSITION, WORK_ORDERS, type Change } from './examples/apollo.js';
import { catchUp, createUrqlClient } from './examples/urql.js';
import { createRelayEnvironment } from './examples/relay/network.js';

const EXAMPLES = resolve(import.meta.dirname, 'examples');
const GUIDE = resolve(import.meta.dirname, '../../../docs/api.md');

/** The fenced blocks of the guide in one language, as written. */
function guideBlocks(language: string): string[] {
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  return [...readFileSync(GUIDE, 'utf8').matchAll(fence)].map((match) => match[1]!);
}

function exampleFiles(directory = EXAMPLES): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? exampleFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

describe('the integrator guide (docs/api.md)', () => {
  it('shows each example file as it is, and each one is shown', () => {
    const shown = new Map(
      guideBlocks('ts')
        .filter((block) => block.startsWith('// api/test/guide/examples/'))
        .map((block) => [block.slice(3, block.indexOf('\n')), block.slice(block.indexOf('\n') + 1)]),
    );
    for (const file of exampleFiles()) {
      const name = `api/test/guide/examples/${file.slice(EXAMPLES.length + 1)}`;
      expect(shown.get(name), `${name} in docs/api.md`).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('quotes the cost and throttle figures the server applies', () => {
    const guide = readFileSync(GUIDE, 'utf8');
    const figures = [COST.maxPerQuery, COST.maxPageSize, COST.defaultPageSize, COST.listLength, COST.maxListArgumentLength, THROTTLE.maximumAvailable, THROTTLE.restoreRatePerSecond, ARMOR.maxDepth, ARMOR.maxAliases, ARMOR.maxTokens];
    for (const figure of figures) expect(guide, String(figure)).toContain(figure.toLocaleString('en-US'));
    expect(guide).toContain(`${MAX_BODY_BYTES / 1024} KiB`);
  });

  it('has only GraphQL documents that are valid against the schema', () => {
    const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
    const blocks = guideBlocks('graphql');
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(validate(schema, parse(block)), block).toEqual([]);
  });
});

describe('the guide examples, against the real server', () => {
  const { world } = worldForFile();
  let url: string;
  let apiKey: string;
  const ids: string[] = [];
  const created: { stop(): void }[] = [];

  const lastEventSeq = async () => (await world.api.ok(`{ lastEventSeq }`, {}, apiKey)).lastEventSeq as string;
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  beforeAll(async () => {
    url = `${await serve(world.api.app)}/graphql`;
    apiKey = world.tokens.writeKey;
    for (let i = 0; i < 5; i++) ids.push((await bookWorkOrder(world)).id);
  });
  afterAll(async () => {
    for (const item of created) item.stop();
  });

  describe('Apollo Client with GraphQLWsLink', () => {
    const apollo = (socket = {}) => {
      const made = createApolloClient({ url, apiKey, socket: { webSocketImpl: WebSocket, ...socket } });
      created.push({ stop: () => void made.socket.dispose() });
      return made;
    };

    it('pages with fetchMore, and the cache merges the pages into one list', async () => {
      const { client } = apollo();
      const observable = client.watchQuery({ query: WORK_ORDERS, variables: { first: 2 } });
      const watching = observable.subscribe(() => {});
      created.push({ stop: () => watching.unsubscribe() });
      const workOrders = () => (observable.getCurrentResult().data as any)?.workOrders;
      await until(() => workOrders() !== undefined);
      await observable.fetchMore({ variables: { after: workOrders().pageInfo.endCursor } });
      await until(() => workOrders().edges.length > 2);
      expect(workOrders().edges.map((edge: any) => edge.node.id)).toEqual(ids.slice(0, 4));
      expect(workOrders().pageInfo.hasNextPage).toBe(true);
    });

    it('matches a typed error through the Error interface (possibleTypes)', async () => {
      const { client } = apollo();
      const result = await client.mutate({ mutation: TRANSITION, variables: { input: { id: ids[0], status: 'COMPLETED' } } });
      const payload = (result.data as any).transitionWorkOrder;
      expect(payload.__typename).toBe('InvalidTransitionError');
      expect(payload.message).toEqual(expect.any(String));
      expect(payload.currentStatus).toBe('SCHEDULED');
    });

    it('reads the code of a request-level error', async () => {
      const { client } = apollo();
      const failure = await client.query({ query: WORK_ORDERS, variables: { first: 2, after: 'not-a-cursor' } }).catch((error: unknown) => error);
      expect(errorCode(failure)).toBe('BAD_USER_INPUT');
    });

    it('follows changes across its own reconnect, each once', async () => {
      let connections = 0;
      const { client, socket } = apollo({ retryWait: async () => {}, on: { connected: () => connections++ } });
      const handled: Change[] = [];
      const subscription = followChanges(client, await lastEventSeq(), (change) => handled.push(change));
      created.push({ stop: () => subscription.unsubscribe() });
      await until(() => connections === 1);
      const wo = ids[1]!;
      await transitionWorkOrder(world, wo, 'EN_ROUTE');
      await until(() => handled.length === 1);
      await transitionWorkOrder(world, wo, 'ON_SITE');
      await until(() => handled.length === 2);
      // The socket drops; graphql-ws reconnects and subscribes again with the first `after`, so the server replays both.
      socket.terminate();
      await transitionWorkOrder(world, wo, 'IN_PROGRESS');
      await until(() => handled.length === 3);
      await until(() => connections === 2);
      expect(handled.map((change) => change.event.after.status)).toEqual(['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS']);
      const seqs = handled.map((change) => BigInt(change.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(seqs).size).toBe(3);
    });
  });

  describe('urql', () => {
    it('catches up from a seq through the event log, page by page, and then has nothing new', async () => {
      const { client, socket } = createUrqlClient({ url, apiKey, socket: { webSocketImpl: WebSocket, lazy: true } });
      created.push({ stop: () => void socket.dispose() });
      const from = await lastEventSeq();
      await transitionWorkOrder(world, ids[2]!, 'EN_ROUTE');
      await transitionWorkOrder(world, ids[3]!, 'EN_ROUTE');
      const seen: string[] = [];
      const last = await catchUp(client, from, (event) => seen.push(`${event.type}:${event.after.status}`));
      expect(seen).toEqual(['STATUS_CHANGED:EN_ROUTE', 'STATUS_CHANGED:EN_ROUTE']);
      expect(last).toBe(await lastEventSeq());
      expect(await catchUp(client, last, () => expect.fail('nothing new'))).toBe(last);
    });
  });

  describe('Relay (relay-compiler and relay-runtime)', () => {
    let artifacts: string;

    beforeAll(() => {
      artifacts = mkdtempSync(join(tmpdir(), 'relay-artifacts-'));
      const config = join(artifacts, 'relay.config.json');
      const projectConfig = JSON.parse(readFileSync(join(EXAMPLES, 'relay/relay.config.json'), 'utf8'));
      writeFileSync(config, JSON.stringify({ ...projectConfig, src: join(EXAMPLES, 'relay'), schema: schemaPath, artifactDirectory: artifacts }));
      const compiler = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../node_modules/relay-compiler/cli.js'), config, '--noWatchman'], {
        encoding: 'utf8',
        cwd: artifacts,
      });
      expect(compiler.status, `${compiler.stdout}\n${compiler.stderr}`).toBe(0);
    });
    afterAll(() => rmSync(artifacts, { recursive: true, force: true }));

    const artifact = async (name: string) => (await import(pathToFileURL(join(artifacts, `${name}.graphql.ts`)).href)).default as ConcreteRequest;

    it('compiles the documents: connection, fragment and a refetch query through Node', async () => {
      expect(readdirSync(artifacts).sort()).toEqual(
        ['WorkOrdersPageQuery.graphql.ts', 'WorkOrdersPageRefetchQuery.graphql.ts', 'WorkOrdersPage_workOrder.graphql.ts', 'relay.config.json'],
      );
    });

    it('runs the compiled query and its refetch query against the server', async () => {
      const environment = createRelayEnvironment({ url, apiKey });
      const page = (await fetchQuery(environment, await artifact('WorkOrdersPageQuery'), { first: 2 }).toPromise()) as any;
      expect(page.workOrders.edges).toHaveLength(2);
      const refetched = (await fetchQuery(environment, await artifact('WorkOrdersPageRefetchQuery'), { id: ids[4] }).toPromise()) as any;
      expect(refetched.node.__id).toBe(ids[4]);
      const record = environment.getStore().getSource().get(ids[4]!);
      expect(record).toMatchObject({ __typename: 'WorkOrder', status: 'SCHEDULED' });
    });
  });
});
