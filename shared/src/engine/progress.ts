// The engine: (framework, apprentice record, as-of date) -> progress, gaps, integrity flags, projection.
// Pure: no I/O, no clock. The add-on, the functions and the CLI all call this one function, and it counts only
// what provenance.ts says counts.
import type { Framework } from '../model/framework';
import type { ProgramChoice } from '../model/program';
import type { Progress } from '../model/progress';
import { type ApprenticeRecord, type ApprenticeRecordInput, IsoDate, parsedRecord } from '../model/record';
import { DEFAULT_TIME_ZONE } from '../model/time-zone';
import { levelProgress } from './completion';
import { countedEntries } from './counted';
import { examAndCertificationGaps, paceGaps, previousLevelGaps, requirementGaps } from './gaps';
import { RecordMismatchError } from './mismatch';
import { maximumDuration, projectCompletion } from './pace';
import { workFunctionsRun } from './program';
import { apprenticeStatus } from './status';
import { wageStatus } from './wages';

export { RecordMismatchError } from './mismatch';

/**
 * A record a boundary parsed (the add-on's sheet reader, the CLI, a request body) is taken as it is; anything else
 * (a record assembled from stored documents, a test's literal) is parsed here first, as it always was.
 */
export function computeProgress(
  framework: Framework,
  input: ApprenticeRecord | ApprenticeRecordInput,
  asOf: string,
  program?: ProgramChoice,
  /** The sponsor's: which confirmations were made by the end of the as-of day (provenance.ts). */
  timeZone: string = DEFAULT_TIME_ZONE,
): Progress {
  const record = parsedRecord(input);
  IsoDate.parse(asOf);
  const { apprentice } = record;
  if (apprentice.frameworkId !== framework.id) {
    throw new RecordMismatchError(
      'apprentice.frameworkId',
      `record is for framework "${apprentice.frameworkId}", not "${framework.id}"`,
    );
  }
  const targetIndex = framework.levels.findIndex((l) => l.id === apprentice.levelId);
  if (targetIndex < 0) {
    throw new RecordMismatchError(
      'apprentice.levelId',
      `"${apprentice.levelId}" is not a level of ${framework.id} (levels: ${framework.levels.map((l) => l.id).join(', ')})`,
    );
  }

  const run = workFunctionsRun(framework, apprentice, program);
  const checked = countedEntries(framework, record, asOf, timeZone);
  const levels = levelProgress(framework, checked, run);
  const target = levels[targetIndex]!;
  // Cumulative frameworks need every level up to the target; otherwise only the target level counts.
  const scope = framework.program.levelsCumulative ? levels.slice(0, targetIndex + 1) : [target];
  const pace = projectCompletion(scope, checked.signOffs, checked.hours, apprentice.startDate, asOf);
  const deadline = maximumDuration(framework, apprentice);
  const pending = Object.values(checked.entries).reduce((n, e) => n + e.pending, 0);

  const gaps = [
    ...previousLevelGaps(framework, scope, target.levelId),
    ...scope.flatMap((l) => [
      ...requirementGaps(framework, l, checked.signOffs, run),
      ...examAndCertificationGaps(framework, l.levelId, checked),
    ]),
    ...paceGaps(target, pace, deadline, apprentice.startDate, asOf),
    ...checked.pending,
  ];

  return {
    apprenticeId: apprentice.id,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    asOf,
    timeZone,
    targetLevelId: target.levelId,
    levels,
    gaps,
    // The sheet disagreeing with a confirmed entry is the record's integrity too (it still counts, unlike a flag).
    integrity: [...checked.changed, ...checked.flags],
    entries: checked.entries,
    projectedCompletion: pace.projectedCompletion,
    lastActivity: pace.lastActivity,
    status: apprenticeStatus({ asOf, startDate: apprentice.startDate, target, pace, deadline, pending }),
    ...(program?.wageSchedule
      ? { wage: wageStatus(framework, record, program.wageSchedule, asOf, run, timeZone) }
      : {}),
  };
}
