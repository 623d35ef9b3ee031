import { freshDatabase, withClient } from './bench-database.js';
import { loadReferenceData, loadWorkOrders, countRows } from './dataset-loader.js';
import { mainDays } from './dataset-plan.js';
const t0 = Date.now();
const { url, migrations } = await freshDatabase('dispatch_bench_try');
console.log('migrated', migrations, Date.now() - t0);
await withClient(url, async (c) => {
  await loadReferenceData(c);
  console.log('ref', Date.now() - t0);
  const days = mainDays(Number(process.argv[2] ?? 10000));
  console.log(days.length, days.find(d=>d.offset===0), Math.max(...days.map(d=>d.count)));
  await loadWorkOrders(c, days, 1001);
  console.log('wo', Date.now() - t0, await countRows(c));
});
