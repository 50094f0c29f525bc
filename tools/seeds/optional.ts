// Which optional work functions a shipped framework's program runs by default, and the note that says so. The
// documents mark work functions Optional but never say which ones a program runs: the sponsor chooses. So the
// default is the work functions the document requires, and none of the optional ones; a sponsor (or one
// apprentice's plan) adds those it runs.
import type { FrameworkInput } from '../../shared/src/model/framework';

type WorkFunctionInput = FrameworkInput['workFunctions'][number];

export interface OptionalDefault {
  optionalWorkFunctionsDefault: string[];
  note: string;
}

export function optionalDefault(workFunctions: WorkFunctionInput[]): OptionalDefault {
  const optional = workFunctions.filter((wf) => wf.core === 'optional');
  if (!optional.length)
    return {
      optionalWorkFunctionsDefault: [],
      note: 'Optional work functions: the document marks no work function optional, so every one is run.',
    };
  const coreInside = optional.flatMap((wf) => wf.items.filter((i) => i.core === 'core').map((i) => i.id));
  const inside = coreInside.length
    ? ` Core items inside them (${coreInside.join(', ')}) are required only when their work function is run.`
    : '';
  return {
    optionalWorkFunctionsDefault: [],
    note: `Optional work functions: the document marks ${optional.map((wf) => wf.id).join(', ')} optional and does not say which a program runs, so by default a program runs none of them (program.optionalWorkFunctionsDefault is empty); the sponsor's program or an apprentice's plan chooses the ones it runs. The items of an optional work function that is not run are not required.${inside}`,
  };
}
