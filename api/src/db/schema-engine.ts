import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

let instantiated: Promise<void> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node 20 refuses,
// so the module is instantiated here by hand, once per process.
function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const bgPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = join(dirname(bgPath), 'schema_engine_bg.wasm');
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return instantiated;
}

export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (the engine holds a session advisory lock). */
  close(): Promise<void>;
}

export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles: [path: string, content: string][],
): Promise<SchemaEngineSession> {
  await instantiateWasm();
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    opened.push(await adapter);
    return opened.at(-1)!;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: () => track(adapterFactory.connect()),
    connectToShadowDb: () => adapterFactory.connectToShadowDb(),
  };
  const log = () => {};
  const engine = await (bg.SchemaEngine as unknown as typeof SchemaEngine).new(
    { datamodels: schemaFiles },
    log,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}
