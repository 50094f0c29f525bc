// Which work functions an apprentice's program runs: every work function not marked optional, plus the optional
// ones chosen by the apprentice's plan, else the sponsor's program, else the framework's default (for the shipped
// frameworks: every optional one, so a level requires what its document marks). Core items of a work function that
// is not run are not required (completion.ts, gaps.ts); the qual card sheet hides them.
import type { Framework } from '../model/framework';
import type { ProgramChoice } from '../model/program';
import type { Apprentice } from '../model/record';
import { coreItemIds } from './completion';
import { RecordMismatchError } from './mismatch';

/** The ids of the framework's optional work functions. */
export function optionalWorkFunctionIds(framework: Framework): string[] {
  return framework.workFunctions.filter((wf) => wf.core === 'optional').map((wf) => wf.id);
}

/** Throws, naming `field`.k, on an id that is not an optional work function of the framework. */
export function checkOptionalWorkFunctions(framework: Framework, ids: readonly string[], field: string): void {
  const optional = optionalWorkFunctionIds(framework);
  ids.forEach((id, k) => {
    if (!optional.includes(id))
      throw new RecordMismatchError(
        `${field}.${k}`,
        `"${id}" is not an optional work function of ${framework.id} (optional: ${optional.join(', ') || 'none'})`,
      );
  });
}

export function workFunctionsRun(
  framework: Framework,
  apprentice: Pick<Apprentice, 'optionalWorkFunctionIds'>,
  program?: ProgramChoice,
): Set<string> {
  if (apprentice.optionalWorkFunctionIds)
    checkOptionalWorkFunctions(framework, apprentice.optionalWorkFunctionIds, 'apprentice.optionalWorkFunctionIds');
  if (program)
    checkOptionalWorkFunctions(framework, program.optionalWorkFunctionIds, 'program.optionalWorkFunctionIds');
  const chosen =
    apprentice.optionalWorkFunctionIds ??
    program?.optionalWorkFunctionIds ??
    framework.program.optionalWorkFunctionsDefault;
  return new Set(
    framework.workFunctions.filter((wf) => wf.core !== 'optional' || chosen.includes(wf.id)).map((wf) => wf.id),
  );
}

/** What one level requires under a program: its required item ids, and the ones that count toward nothing. */
export interface LevelRequirement {
  levelId: string;
  required: string[];
  optional: string[];
}

/**
 * Per level, the items the framework's default program requires (the engine's rule, as computeProgress applies
 * it) and the optional ones. The versions lock hashes this, so a change of rule fails the lock like a change of data.
 */
export function defaultProgramRequirements(framework: Framework, program?: ProgramChoice): LevelRequirement[] {
  const run = workFunctionsRun(framework, {}, program);
  return framework.levels.map((level) => {
    const required = coreItemIds(framework, level.id, run);
    const req = new Set(required);
    const optional = framework.workFunctions.flatMap((wf) =>
      wf.items.filter((i) => i.levels.includes(level.id) && !req.has(i.id)).map((i) => i.id),
    );
    return { levelId: level.id, required, optional };
  });
}
