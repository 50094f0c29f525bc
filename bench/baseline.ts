// A benchmark's "before", measured in the same run as its "after": the repository's files at BASELINE_COMMIT
// (the commit before the bundle and engine work), unpacked with `git archive` into a temporary folder that shares
// this checkout's node_modules. Needs the git history (not a shallow clone that lacks the commit).
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASELINE_COMMIT = '8347626';
const ROOT = join(__dirname, '..');

/** A folder holding `paths` as they were at the baseline commit; throws saying why when git cannot give them. */
export function baselineTree(paths: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `qualcard-${BASELINE_COMMIT}-`));
  execSync(`git archive ${BASELINE_COMMIT} ${paths.join(' ')} | tar -x -C ${dir}`, { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(join(dir, paths[0]!))) throw new Error(`git archive ${BASELINE_COMMIT} gave no ${paths[0]}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The median of some timings. */
export function medianMs(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
