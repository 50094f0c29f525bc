// The transcript's Wage history sheet, opened by LibreOffice: each step of the program's schedule with its wage,
// what reaches it, since when the apprentice reached it (the engine's, counted entries only) and the raise recorded.

import { buildTranscript } from '../../functions/src/excel/transcript';
import { computeProgress, type ProgramChoice, WageSchedule } from '../../shared/src';
import { sheetsViaLibreOffice, tableRows } from '../emulator/helpers/libreoffice';
import { ADMIN } from '../fixtures/engine';
import { AS_OF, fw, transcriptInput, transcriptRecord } from '../fixtures/transcript-record';

test('LibreOffice opens the Wage history: steps, conditions, eligibility dates and the raise', async () => {
  const pct = (percent: number) => ({ kind: 'percent' as const, percent });
  const program: ProgramChoice = {
    optionalWorkFunctionIds: [],
    wageSchedule: WageSchedule.parse({
      journeyworkerRate: { kind: 'amount', amount: 30, currency: 'USD', per: 'hour' },
      steps: [{ wage: pct(50) }, { wage: pct(60), months: 1 }, { wage: pct(80), level: 'L2' }],
    }),
  };
  const raise = { step: 2, effectiveDate: '2026-02-10', by: ADMIN, at: '2026-02-10T15:00:00.000Z', note: 'Review' };
  const record = { ...transcriptRecord, raises: [raise] };
  const progress = computeProgress(fw, record, AS_OF, program);
  const sheets = sheetsViaLibreOffice(await buildTranscript({ ...transcriptInput(record), progress, program }));
  const steps = tableRows(sheets['Wage history']!).slice(0, 3);
  const start = record.apprentice.startDate;
  expect(
    steps.map((s) => [s.Step, s.Wage, s['Reached by'], s['Eligible since'], s['Raise effective'], s.Note]),
  ).toEqual([
    ['1', '50% of the journeyworker rate (USD 15.00/hour)', 'starting wage', start, start, ''],
    [
      '2',
      '60% of the journeyworker rate (USD 18.00/hour)',
      '1 month in the program',
      progress.wage!.steps[1]!.eligibleSince,
      '2026-02-10',
      'Review',
    ],
    ['3', '80% of the journeyworker rate (USD 24.00/hour)', 'Level 2 complete', 'not reached', '', ''],
  ]);
  // The raise's instant on the sponsor's clock (this progress: the default zone, UTC), not a raw timestamp.
  expect(steps[1]!['Recorded at']).toBe('2026-02-10 15:00');
  const rows = sheets['Wage history']!;
  expect(rows.find((r) => r[0] === 'Next step')?.[1]).toBe('3: Level 2 complete');
  expect(rows.find((r) => r[0] === 'Raise owed')?.[1]).toBe('none');
}, 150_000);
