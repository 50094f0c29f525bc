// Which optional work functions a shipped framework's program runs by default, and the note that says so. The
// documents mark some work functions Optional but never say a Core or Required mark lapses when one is not chosen:
// so the default program runs every work function the document describes, and each level requires exactly what the
// document marks. A sponsor's program (or one apprentice's plan) may leave an optional one out; only then do its
// items stop being required.
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
    ? ` Core items inside them (${coreInside.join(', ')}) are required by default, and stop being required only in a program or plan that leaves their work function out.`
    : '';
  const ids = optional.map((wf) => wf.id);
  return {
    optionalWorkFunctionsDefault: ids,
    note: `Optional work functions: the document marks ${ids.join(', ')} optional but never says that a Core or Required mark lapses when one is not chosen, so the default program runs every work function the document describes (program.optionalWorkFunctionsDefault lists ${ids.join(', ')}) and each level requires exactly what the document marks. A sponsor's program, or one apprentice's plan, may leave out a work function the document marks optional; only then do its items stop being required.${inside}`,
  };
}
