import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { withClient } from '../bench-database.js';
import { BUSY_DAY, ORGANIZATION } from '../dataset-plan.js';
import { percentile } from '../http-load.js';
import { repoRoot, startApi } from '../server-process.js';

const webDir = resolve(repoRoot, 'web');
const encodeGlobalID = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/** First renders of the busy day's board (page load to every block drawn), then live updates (request sent to the block redrawn). */
const RENDERS = 5;
const UPDATES = 5;

export interface BoardRenderResult {
  date: string;
  technicians: number;
  workOrders: number;
  /** From navigation start: the schedule's answer received, and every block of the day in the page. */
  firstRenderMs: { graphqlResponse: number[]; allBlocks: number[]; p50: number; min: number };
  /** From the transition's request being sent to its block showing the new status, on the open board. */
  liveUpdateMs: { runs: number[]; p50: number; max: number };
  /** The longest main-thread task seen while one live update was applied. */
  longestTaskDuringUpdateMs: number;
}

/** A GraphQL request to the API; fails with the answer when it has no data. */
async function graphql<T>(origin: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T };
  if (!body.data) throw new Error(`The API answered ${response.status}: ${text}`);
  return body.data;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

function serve(port: number, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn('pnpm', ['exec', 'vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: webDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(String(port))) done(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`vite preview exited with ${code}:\n${output}`)));
  });
}

/** The web app as it ships (a production build served by vite preview) in Chromium, on the API over the benchmark database. */
export async function measureBoardRender(options: { url: string; token: string; log: (line: string) => void }): Promise<BoardRenderResult> {
  const { url, token, log } = options;
  const { workOrders, technicians, scheduled } = await withClient(url, async (client) => {
    const day = `((DATE '${BUSY_DAY}')::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')`;
    const next = `((DATE '${BUSY_DAY}' + 1)::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')`;
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "WorkOrder" WHERE "windowStart" < ${next} AND "windowEnd" > ${day}`);
    const techs = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Technician" WHERE active`);
    const ids = await client.query<{ id: string }>(
      `SELECT id FROM "WorkOrder" WHERE status = 'SCHEDULED' AND "windowStart" >= ${day} AND "windowStart" < ${next} ORDER BY "windowStart", id LIMIT ${UPDATES}`,
    );
    return { workOrders: Number(count.rows[0]!.n), technicians: Number(techs.rows[0]!.n), scheduled: ids.rows.map((r) => r.id) };
  });
  if (scheduled.length < UPDATES) throw new Error(`Only ${scheduled.length} scheduled jobs on ${BUSY_DAY} to update`);

  const api = await startApi(url);
  const outDir = resolve(webDir, '.svelte-kit/bench-build', String(process.pid));
  const port = Number(process.env.BENCH_WEB_PORT ?? 4499);
  let web: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    log('board: building the web app');
    await run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], webDir, { SVELTEKIT_OUT_DIR: outDir });
    web = await serve(port, { API_URL: api.origin, SVELTEKIT_OUT_DIR: outDir });
    const origin = `http://127.0.0.1:${port}`;

    const { viewer } = await graphql<{ viewer: Record<string, unknown> }>(api.origin, token, '{ viewer { name role permissions organization { name timeZone currency } } }');
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, baseURL: origin, serviceWorkers: 'block' });
    // Signed in as a dispatcher the way the login page leaves it.
    await context.addInitScript((session) => localStorage.setItem('dispatch.session', session), JSON.stringify({ token, ...viewer, technicianId: null, customerId: null }));
    const page = await context.newPage();

    const graphqlResponse: number[] = [];
    const allBlocks: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      await page.goto(`/schedule?date=${BUSY_DAY}`);
      await page
        .waitForFunction((n) => document.querySelectorAll('[data-testid^="work-order-"]').length >= n, workOrders, { polling: 'raf', timeout: 120_000 })
        .catch(async (error: Error) => {
          throw new Error(`${error.message}; the page shows: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 500)}`);
        });
      const drawn = await page.evaluate(() => performance.now());
      const answered = await page.evaluate(() => {
        // The board's answer is the largest of the page's GraphQL answers.
        const answers = performance
          .getEntriesByType('resource')
          .filter((entry) => new URL(entry.name).pathname === '/graphql')
          .map((entry) => entry as PerformanceResourceTiming)
          .sort((a, b) => b.encodedBodySize - a.encodedBodySize);
        return answers[0]?.responseEnd ?? NaN;
      });
      graphqlResponse.push(answered);
      allBlocks.push(drawn);
      log(`board: render ${i + 1}: schedule answered at ${answered.toFixed(0)} ms, ${workOrders} blocks drawn at ${drawn.toFixed(0)} ms`);
    }

    // Each update: the clock starts when the transition is sent (Date.now in both: one machine) and stops when a mutation observer sees the block change.
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    const runs: number[] = [];
    let longest = 0;
    for (const id of scheduled) {
      const label = await page.evaluate(async (gid) => {
        const element = [...document.querySelectorAll<HTMLElement>('[data-status="SCHEDULED"]')].find((block) => block.getAttribute('href')?.includes(encodeURIComponent(gid)));
        return element?.dataset.testid ?? null;
      }, encodeGlobalID('WorkOrder', id));
      if (!label) throw new Error(`work order ${id} is not on the board`);
      await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
      const seen = page.evaluate(
        (testid) =>
          new Promise<number>((done) => {
            const block = document.querySelector(`[data-testid="${testid}"]`)!;
            const observer = new MutationObserver(() => {
              const now = document.querySelector(`[data-testid="${testid}"]`);
              if (now?.getAttribute('data-status') === 'EN_ROUTE') {
                observer.disconnect();
                done(performance.timeOrigin + performance.now());
              }
            });
            observer.observe(block.closest('.grid') ?? document.body, { subtree: true, attributes: true, childList: true });
          }),
        label,
      );
      const sent = Date.now();
      await graphql(api.origin, token, 'mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }', {
        input: { id: encodeGlobalID('WorkOrder', id), status: 'EN_ROUTE' },
      });
      const at = await seen;
      runs.push(at - sent);
      await page.waitForTimeout(200); // let the long-task observer report the update's tasks
      longest = Math.max(longest, await page.evaluate(() => (window as unknown as { longest: number }).longest));
      log(`board: live update of ${label}: ${(at - sent).toFixed(0)} ms`);
    }
    return {
      date: BUSY_DAY,
      technicians,
      workOrders,
      firstRenderMs: { graphqlResponse, allBlocks, p50: percentile([...allBlocks].sort((a, b) => a - b), 50), min: Math.min(...allBlocks) },
      liveUpdateMs: { runs, p50: percentile([...runs].sort((a, b) => a - b), 50), max: Math.max(...runs) },
      longestTaskDuringUpdateMs: longest,
    };
  } finally {
    await browser.close();
    web?.kill('SIGTERM');
    await api.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}
