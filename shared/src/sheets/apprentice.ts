// One apprentice's two sheets, planned together from what they hold now and the engine's view of the apprentice.

import type { ProgramChoice } from '../model/program';
import { planHours } from './hours';
import type { Framework } from './model';
import type { SheetPlan } from './plan';
import { planQualCard, type QualCardRefs } from './qualcard';
import type { ExistingHours, ExistingQualCard } from './read';
import type { RosterRow } from './roster-row';
import type { ProgressView } from './view';

export interface ApprenticePlans {
  qualCard: SheetPlan & QualCardRefs;
  hours: SheetPlan;
}

export function planApprentice(
  framework: Framework,
  roster: RosterRow,
  existing: { qualCard: ExistingQualCard | null; hours: ExistingHours | null } = { qualCard: null, hours: null },
  view?: ProgressView,
  /** The sponsor's program for this framework (absent: the framework's default), shaping both sheets. */
  program?: ProgramChoice,
): ApprenticePlans {
  if (roster.apprentice.frameworkId !== framework.id)
    throw new Error(
      `roster row ${roster.row}: apprentice ${roster.apprentice.id} is on ${roster.apprentice.frameworkId}, not ${framework.id}`,
    );
  return {
    qualCard: planQualCard(framework, roster, existing.qualCard, view, program),
    hours: planHours(framework, roster, existing.hours, view, program),
  };
}
