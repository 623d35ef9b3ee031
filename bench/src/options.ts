import { parseScale } from './dataset-plan.js';

export const SECTIONS = ['schedule', 'writes', 'fanout', 'webhooks', 'growth', 'board'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  sections: Section[];
  /** Work orders in the main dataset. */
  scale: number;
  /** Seconds of each measured load run. */
  durationSeconds: number;
  fanOutLevels: number[];
  growthSizes: number[];
  keep: boolean;
  partial: boolean;
}

export const USAGE = `pnpm bench [-- options]
  --only schedule,writes,fanout,webhooks,growth,board   sections to run (default: all; board: the day board in Chromium)
  --scale 10k|100k|1m                    work orders in the main dataset (default 100k)
  --duration SECONDS                     length of each measured load run (default 10)
  --fanout 1000,5000,10000               subscriber counts (default 1000,5000,10000)
  --growth 10k,100k                      table sizes of the growth section (default 10k,100k)
  --growth-1m                            same as --growth 10k,100k,1m (loads ~1M rows: several minutes)
  --keep                                 keep the benchmark databases afterwards`;

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    sections: [...SECTIONS],
    scale: 100_000,
    durationSeconds: 10,
    fanOutLevels: [1_000, 5_000, 10_000],
    growthSizes: [10_000, 100_000],
    keep: false,
    partial: false,
  };
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    switch (arg) {
      case '--only': {
        const sections = value().split(',').map((s) => s.trim().replace('fan-out', 'fanout'));
        const unknown = sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
        if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}\n${USAGE}`);
        options.sections = sections as Section[];
        options.partial = true;
        break;
      }
      case '--scale':
        options.scale = parseScale(value());
        break;
      case '--duration':
        options.durationSeconds = Number(value());
        break;
      case '--fanout':
        options.fanOutLevels = value().split(',').map(Number);
        options.partial = true;
        break;
      case '--growth':
        options.growthSizes = value().split(',').map(parseScale);
        break;
      case '--growth-1m':
        options.growthSizes = [10_000, 100_000, 1_000_000];
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (!Number.isFinite(options.durationSeconds) || options.durationSeconds <= 0) throw new Error('--duration must be a positive number');
  return options;
}
