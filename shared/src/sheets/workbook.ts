// A cohort's qual card workbook: the roster, each apprentice's qual card and hours sheet (filled from their
// record when there is one) and a dashboard, rendered from the same plans the add-on applies.

import type { Programs } from '../model/program';
import { planApprentice } from './apprentice';
import { type DashboardEntry, planDashboard } from './dashboard';
import { existingFromRecord } from './from-record';
import type { ApprenticeRecord, Framework } from './model';
import type { SheetPlan } from './plan';
import { planRoster } from './roster';
import type { RosterRow } from './roster-row';
import { recordView } from './view';
import { renderPlansToXlsx } from './xlsx';

export interface WorkbookEntry {
  roster: RosterRow;
  record?: ApprenticeRecord;
}

export function cohortPlans(
  entries: WorkbookEntry[],
  frameworks: Framework[],
  asOf: string,
  programs: Programs = {},
): SheetPlan[] {
  const roster = planRoster(frameworks);
  // The roster sheet lists the cohort below its example row.
  const cells = roster.cells.map((r) => [...r]);
  entries.forEach((e, i) => {
    const a = e.roster.apprentice;
    const credit = e.roster.priorCredit.map((c) => `${c.hours} ${c.category}`).join('; ');
    const row = cells[4 + i];
    if (row)
      [
        a.id,
        a.name,
        a.email,
        a.coachEmails.join(', '),
        a.startDate,
        a.frameworkId,
        a.levelId,
        credit,
        a.maximumMonths ?? null,
        a.optionalWorkFunctionIds?.join(', ') ?? null,
      ].forEach((v, c) => {
        row[c] = v;
      });
  });
  const plans: SheetPlan[] = [{ ...roster, cells }];
  const dashboard: DashboardEntry[] = [];
  entries.forEach((e, i) => {
    const framework = frameworks.find((f) => f.id === e.roster.apprentice.frameworkId);
    if (!framework)
      throw new Error(`roster row ${e.roster.row}: framework "${e.roster.apprentice.frameworkId}" is not available`);
    const record = e.record ?? {
      schemaVersion: 1 as const,
      apprentice: e.roster.apprentice,
      signOffs: [],
      hours: [],
      priorCredit: [],
      exams: [],
      certifications: [],
    };
    // The engine on the record as it stands, confirmations included: the same numbers a sync would answer with.
    const view = recordView(framework, record, asOf, programs[framework.id]);
    const p = planApprentice(
      framework,
      e.roster,
      e.record ? existingFromRecord(framework, e.record) : { qualCard: null, hours: null },
      view,
      programs[framework.id],
    );
    plans.push(p.qualCard, p.hours);
    dashboard.push({
      apprentice: e.roster.apprentice,
      progress: view.progress,
      cumulative: framework.program.levelsCumulative,
      qualCard: { sheetId: i, name: p.qualCard.name, grid: p.qualCard.cells },
      hours: { sheetId: i, name: p.hours.name, grid: p.hours.cells },
    });
  });
  plans.splice(1, 0, planDashboard(dashboard, asOf, 'workbook'));
  return plans;
}

export async function cohortWorkbook(
  entries: WorkbookEntry[],
  frameworks: Framework[],
  asOf: string,
  programs: Programs = {},
): Promise<Buffer> {
  return renderPlansToXlsx(cohortPlans(entries, frameworks, asOf, programs));
}
