// Benchmark: computeProgress on the largest record the schema allows (bench/engine-record.ts: 5,000 sign-offs and
// 20,000 hours rows, all confirmed, NITAS level 3), now and as it was at the baseline commit, timed alternately in
// one run. Before, the engine parsed the record with zod on every call, although its caller had parsed it already;
// now a record zod parsed at the boundary is taken as it is. Prints the medians and the ratio.
//   npm run bench:engine

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { ApprenticeRecord, computeProgress, getFramework } from '@qualcard/shared';
import { BASELINE_COMMIT, baselineTree, medianMs } from './baseline';
import { LARGEST, largestRecord } from './engine-record';

const RUNS = Number(process.env.ENGINE_RUNS ?? 30);

type Engine = Pick<typeof import('@qualcard/shared'), 'ApprenticeRecord' | 'computeProgress'>;

async function main(): Promise<void> {
  const framework = getFramework('nitas-help-desk')!;
  const { input, asOf } = largestRecord(framework);
  const old = (await import(join(baselineTree(['shared']), 'shared/src/index.ts'))) as Engine;
  const parsed = ApprenticeRecord.parse(input);
  const oldParsed = old.ApprenticeRecord.parse(input);
  const cases: [string, () => unknown][] = [
    [
      `baseline (${BASELINE_COMMIT}): computeProgress(parsed record), parses it again`,
      () => old.computeProgress(framework, oldParsed, asOf),
    ],
    ['now: computeProgress(record parsed at the boundary)', () => computeProgress(framework, parsed, asOf)],
    ['now: computeProgress(unparsed input): the engine parses it', () => computeProgress(framework, input, asOf)],
  ];
  if (!isDeepStrictEqual(cases[0]![1](), cases[1]![1]()) || !isDeepStrictEqual(cases[0]![1](), cases[2]![1]()))
    throw new Error('the engine answers differently from the baseline on the largest record');
  const samples = cases.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run += 1)
    cases.forEach(([, f], i) => {
      const start = performance.now();
      f();
      samples[i]!.push(performance.now() - start);
    });
  const medians = samples.map(medianMs);
  console.log(
    `largest record: ${LARGEST.signOffs} sign-offs, ${LARGEST.hours} hours rows, all confirmed; ${framework.id} ` +
      `level ${input.apprentice.levelId}; same progress from both; median of ${RUNS} alternating runs\n`,
  );
  for (const [i, [label]] of cases.entries())
    console.log(`${label.padEnd(66)} ${medians[i]!.toFixed(1).padStart(7)} ms`);
  console.log(`\nratio baseline / now: ${(medians[0]! / medians[1]!).toFixed(1)}x (goal: now at most 50 ms)`);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
