// Benchmark: planning a 50-apprentice cohort (qual card + hours sheet each) and the SpreadsheetApp calls the
// adapter makes per apprentice, against baselines measured in the same run. Prints numbers and ratios.
//   npm run bench:addon
import { performance } from 'node:perf_hooks';
import {
  ApprenticeRecord,
  type ApprenticeRecordInput,
  computeProgress,
  type Framework,
  getFramework,
} from '@qualcard/shared';
import { existingFromRecord, planApprentice, type RosterRow } from '@qualcard/shared/sheets';
import { generateOne } from '../addon/src/generate';
import { installFakeAppsScript } from '../addon/test-support/fake-apps-script';

const COHORT = 50;
const AS_OF = '2026-06-01';
const mix: [string, string][] = [
  ['nitas-help-desk', 'L1'],
  ['nitas-help-desk', 'L2'],
  ['nitas-help-desk', 'L3'],
  ['it-support-wps', 'L1'],
  ['customer-technical-support', 'ITS2'],
];

function cohort(): { framework: Framework; roster: RosterRow; record: ApprenticeRecord }[] {
  return Array.from({ length: COHORT }, (_, i) => {
    const [fid, level] = mix[i % mix.length]!;
    const framework = getFramework(fid)!;
    const levelId = framework.levels.some((l) => l.id === level) ? level : framework.levels[0]!.id;
    const id = `B${String(i + 1).padStart(3, '0')}`;
    const apprentice = {
      id,
      name: `Bench Apprentice ${i + 1}`,
      email: `${id.toLowerCase()}@example.com`,
      startDate: '2026-01-05',
      frameworkId: fid,
      levelId,
      coachEmails: ['coach@example.com'],
    };
    const items = framework.workFunctions.flatMap((w) => w.items).filter((it) => it.levels.includes(levelId));
    const input: ApprenticeRecordInput = {
      schemaVersion: 1,
      apprentice,
      signOffs: items
        .filter((_, k) => k % 2 === 0)
        .map((it, k) => ({
          itemId: it.id,
          date: `2026-0${2 + (k % 3)}-1${k % 9}`,
          coachEmail: 'coach@example.com',
          notes: `note ${k}`,
        })),
      hours: Array.from({ length: 60 }, (_, d) => ({
        id: `h-${d + 1}`,
        date: `2026-0${2 + Math.floor(d / 28)}-${String((d % 28) + 1).padStart(2, '0')}`,
        category: 'on-the-job-learning' as const,
        hours: 8,
        description: `day ${d}`,
      })),
    };
    return { framework, roster: { row: i + 5, apprentice, priorCredit: [] }, record: ApprenticeRecord.parse(input) };
  });
}

function time(label: string, runs: number, f: () => void): number {
  f(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  const median = t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  console.log(`${label.padEnd(58)} ${median.toFixed(1).padStart(8)} ms (median of ${runs})`);
  return median;
}

const c = cohort();
console.log(`cohort: ${COHORT} apprentices on ${mix.map((m) => m.join(' ')).join(', ')}\n`);
const engine = time('baseline: computeProgress for the cohort', 5, () => {
  for (const a of c) computeProgress(a.framework, a.record, AS_OF);
});
const fresh = time('plan the cohort, fresh (qual card + hours each)', 5, () => {
  for (const a of c) planApprentice(a.framework, a.roster);
});
const merged = time('plan the cohort, regenerating over filled sheets', 5, () => {
  for (const a of c) planApprentice(a.framework, a.roster, existingFromRecord(a.framework, a.record));
});
console.log(
  `ratio fresh planning / engine: ${(fresh / engine).toFixed(2)}x; regenerate / engine: ${(merged / engine).toFixed(2)}x; per apprentice: ${(fresh / COHORT).toFixed(2)} ms fresh, ${(merged / COHORT).toFixed(2)} ms regenerate\n`,
);

// Service calls: the adapter against the counting fake, apprentice by apprentice. A write changes the spreadsheet
// (insert a sheet, set values, tag, protect, set editors); the other calls read (lookups, getEditors, getRange).
const fake = installFakeAppsScript();
const ss = fake.ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
const cache = new Map();
interface Count {
  calls: number;
  writes: number;
  lookups: number;
}
const counted = (): Count => ({
  calls: fake.log.calls.length,
  writes: fake.log.writes().length,
  lookups: fake.log.calls.filter((x) => x.includes('DeveloperMetadataFinder')).length,
});
const newSheets: (Count & { cells: number })[] = [];
for (const a of c) {
  fake.log.reset();
  const plans = planApprentice(a.framework, a.roster);
  generateOne(ss, a.framework, a.roster, cache);
  newSheets.push({
    ...counted(),
    cells: plans.qualCard.rows * plans.qualCard.cols + plans.hours.rows * plans.hours.cols,
  });
}
const regen: Count[] = [];
for (const a of c.slice(0, 10)) {
  fake.log.reset();
  generateOne(ss, a.framework, a.roster, cache);
  regen.push(counted());
}
const layouts = new Set(fake.ss.sheets.filter((s) => s.name.startsWith('qc-layout-')).map((s) => s.name)).size;
const stats = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cells = newSheets.reduce((n, p) => n + p.cells, 0) / COHORT;
console.log(
  `layout prototypes built for the cohort: ${layouts} (hidden sheets, once per framework/level/layout; the first apprentice of a layout pays for them)`,
);
console.log(
  `SpreadsheetApp writes per generated apprentice (qual card + hours), new sheets: ${stats(newSheets.map((p) => p.writes))} (max includes building a new layout)`,
);
console.log(
  `SpreadsheetApp calls per generated apprentice, new sheets (writes and reads): ${stats(newSheets.map((p) => p.calls))}, of which ${newSheets[0]!.lookups} apprentice lookup by developer metadata`,
);
console.log(
  `SpreadsheetApp writes per apprentice, generating again over their sheets: ${stats(regen.map((p) => p.writes))}; calls (incl. lookups and reads): ${stats(regen.map((p) => p.calls))}`,
);
console.log(
  `baseline: cell-by-cell writing would be ~${Math.round(cells)} writes per apprentice (cells in the two sheets); ratio ${(cells / median(newSheets.map((p) => p.writes))).toFixed(0)}x fewer writes`,
);
fake.uninstall();
