// The transcript's "Wage history" sheet, when the program has a wage schedule: each step with its wage and
// conditions, whether and since when the apprentice reached it (the engine's, on counted entries only), and the
// raises an admin recorded; then what is left for the next step and any raise owed.
import { localDateTime, stepConditionsText, wageText } from '@qualcard/shared';
import type { Worksheet } from 'exceljs';
import { zoneOf } from './provenance';
import { addTableRow, type Column, setupTable } from './sheet';
import type { Transcript } from './transcript';

export const WAGE_SHEET = 'Wage history';

const COLUMNS: Column[] = [
  { header: 'Step', key: 'step', width: 6 },
  { header: 'Wage', key: 'wage', width: 30, wrap: true },
  { header: 'Reached by', key: 'conditions', width: 40, wrap: true },
  { header: 'Eligible since', key: 'since', width: 13 },
  { header: 'Raise effective', key: 'effective', width: 14 },
  { header: 'Raise recorded by', key: 'by', width: 26 },
  { header: 'Recorded at', key: 'at', width: 17 },
  { header: 'Note', key: 'note', width: 30, wrap: true },
];

export function wageSheet(ws: Worksheet, t: Transcript): Column[] {
  setupTable(ws, COLUMNS);
  const wage = t.progress.wage!;
  const schedule = t.program?.wageSchedule;
  for (const s of wage.steps) {
    const raise = wage.history.find((h) => h.step === s.step && h.at);
    const step = schedule?.steps[s.step - 1];
    addTableRow(ws, {
      step: s.step,
      wage: wageText(s.wage, schedule?.journeyworkerRate),
      conditions: step ? stepConditionsText(t.framework, step) : '',
      since: s.eligibleSince ?? 'not reached',
      effective: raise?.effectiveDate ?? (s.step === 1 ? t.record.apprentice.startDate : ''),
      by: raise?.by,
      // The instant on the sponsor's clock, as every date and time of the transcript.
      at: raise?.at && localDateTime(new Date(raise.at), zoneOf(t)),
      note: raise?.note,
    });
  }
  ws.addRow([]);
  const lines: [string, string][] = [
    ['Current step', `${wage.currentStep} (recorded: step ${wage.recordedStep})`],
    ['Raise owed', wage.eligible?.text ?? 'none'],
    ['Next step', wage.next ? `${wage.next.step}: ${wage.next.text}` : 'none (top step)'],
    ['As of', t.progress.asOf],
  ];
  for (const [k, v] of lines) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
  }
  return COLUMNS;
}
