// One apprentice's two sheets, planned together: the qual card reads its hours from the hours sheet.

import { planHours } from './hours';
import type { Framework } from './model';
import type { SheetPlan } from './plan';
import { planQualCard } from './qualcard';
import type { ExistingHours, ExistingQualCard } from './read';
import type { RosterRow } from './roster-row';

export interface ApprenticePlans {
  qualCard: SheetPlan;
  hours: SheetPlan;
}

export function planApprentice(
  framework: Framework,
  roster: RosterRow,
  existing: { qualCard: ExistingQualCard | null; hours: ExistingHours | null } = { qualCard: null, hours: null },
): ApprenticePlans {
  if (roster.apprentice.frameworkId !== framework.id)
    throw new Error(
      `roster row ${roster.row}: apprentice ${roster.apprentice.id} is on ${roster.apprentice.frameworkId}, not ${framework.id}`,
    );
  const hours = planHours(framework, roster, existing.hours);
  const qualCard = planQualCard(framework, roster, existing.qualCard, hours);
  return { qualCard, hours: hours.plan };
}
