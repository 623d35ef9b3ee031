import { resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { describe, expect, it } from 'vitest';

const apiDir = resolve(import.meta.dirname, '../..');

async function importGraph(): Promise<ICruiseResult> {
  const previous = process.cwd();
  process.chdir(apiDir);
  try {
    const options = await extractDepcruiseOptions('./.dependency-cruiser.mjs');
    const { output } = await cruise(['src'], { ...options, validate: true });
    return output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}

describe('the import graph of api/src', () => {
  it('has no import that runs up the layers and no import circle', async () => {
    const graph = await importGraph();
    const breaches = graph.summary.violations.map(
      (violation) => `${violation.rule.name}: ${[violation.from, violation.to, ...(violation.cycle ?? []).map((step) => step.name)].join(' → ')}`,
    );
    expect(breaches).toEqual([]);
    // The check saw the whole tree, not an empty one.
    expect(graph.modules.some((module) => module.source === 'src/context.ts')).toBe(true);
  });
});
