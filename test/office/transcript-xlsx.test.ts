// The transcript of a record with confirmed, attested, pending and flagged entries, opened by LibreOffice (a real
// spreadsheet application): every sheet is there and reads as the engine counted. The cell-by-cell checks are in
// test/unit/transcript.test.ts.
import { buildTranscript, SUMMARY_HEADER_ROW } from '../../functions/src/excel/transcript';
import { sheetsViaLibreOffice, tableRows } from '../emulator/helpers/libreoffice';
import { PAPER, PAPER_FILE, transcriptInput } from '../fixtures/transcript-record';

test('LibreOffice opens the transcript: counts by provenance at the top, pending entries apart, not counted', async () => {
  const input = transcriptInput();
  const sheets = sheetsViaLibreOffice(await buildTranscript(input));
  expect(Object.keys(sheets).sort()).toEqual([
    'Credentials',
    'Exams & certifications',
    'Hours',
    'Hours by confirmation',
    'Open gaps',
    'Pending (not counted)',
    'Prior credit',
    'Signed items',
    'Summary',
  ]);
  const top = Object.fromEntries(sheets.Summary!.slice(0, SUMMARY_HEADER_ROW - 2).map((r) => [r[0], r[1]]));
  expect(top['Entries counted']).toBe('10: 7 confirmed by a coach or admin, 3 attested by an admin');
  expect(top['Pending, not counted']).toMatch(/^6: /);
  expect(top['Flagged, not counted']).toMatch(/^1: /);
  const levels = tableRows(sheets.Summary!, SUMMARY_HEADER_ROW - 1).slice(0, input.progress.levels.length);
  expect(levels.map((l) => [l.Level, Number(l.Percent), l['Items signed']])).toEqual(
    input.progress.levels.map((l) => [l.levelId, l.percent, `${l.items.done} of ${l.items.required}`]),
  );

  const signed = tableRows(sheets['Signed items']!);
  expect(signed.find((s) => s.Item === 'A2')).toMatchObject({
    Provenance: 'Attested (admin)',
    'Attested because': PAPER,
    Proof: PAPER_FILE,
    Counted: 'Yes',
  });
  expect(tableRows(sheets['Exams & certifications']!).map((e) => [e.Id, e.Proof, e.Counted])).toEqual([
    ['exam-1', 'LMS 4411', 'Yes'],
    ['exam-2', '', 'No: not passed.'],
    ['cert-1', 'Cert no. C-99', 'Yes'],
  ]);
  const pending = tableRows(sheets['Pending (not counted)']!);
  expect(pending.map((p) => [p.Counted, p.Kind, p.Entry])).toEqual([
    ['No', 'Sign-off', 'A3'],
    ['No', 'Hours', '2 entries'],
    ['No', 'Hours', '1 entry'],
    ['No', 'Prior credit', 'Prior credit 2'],
    ['No', 'Certification', 'cert-2'],
  ]);
  // Hours pending are not in the counted hours: the Hours sheet and the engine agree.
  const hours = tableRows(sheets.Hours!);
  expect(
    hours.map((h) => [h['Hours category'], Number(h['Hours counted']), Number(h['Hours pending (not counted)'])]),
  ).toEqual([
    ['On-the-job learning', 30, 16],
    ['Related instruction', 2, 3],
  ]);
}, 150_000);
