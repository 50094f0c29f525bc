// The engine parses a record once: a record zod already parsed at a boundary (ApprenticeRecord or SheetRecord, also
// inside a request body) is taken as it is; anything else is parsed as before. Either way the progress is the same.
import * as z from 'zod';
import { ApprenticeRecord, computeProgress, parsedRecord, SheetRecord } from '../../shared/src';
import { completeLevel1, ojl, record, sign, tinyFramework, typed } from '../fixtures/engine';
import { AS_OF, transcriptRecord } from '../fixtures/transcript-record';
import { typed as typedSheet } from '../fixtures/workbook-record';

const fw = tinyFramework();
/** A record with what a parse normalises: blank cells, emails in capitals and spaces, defaults left out. */
const messy = () =>
  record({
    signOffs: [{ ...sign('A1'), coachEmail: ' Coach@Example.COM ' }, typed({ ...sign('A2'), date: '' })],
    hours: [
      ojl('2026-02-01', 4, { description: 'Tickets', verifiedBy: '' }),
      ojl('2026-02-01', 4, { description: ' tickets ' }),
      ojl('2026-02-02', 16),
      ojl('2026-02-02', 9, { description: 'night' }),
      ojl('2026-03-05', 1),
    ],
  });

/** What a sheet holds of a record: every entry without its confirmation. */
const sheetOf = (r: ReturnType<typeof record>) => ({
  ...r,
  signOffs: r.signOffs?.map(typed),
  hours: r.hours?.map(typed),
  exams: r.exams?.map(typed),
  certifications: r.certifications?.map(typed),
});

describe('parsedRecord', () => {
  test("returns a record zod parsed as it is: ApprenticeRecord's, SheetRecord's, or one inside a parsed body", () => {
    const parsed = ApprenticeRecord.parse(messy());
    expect(parsedRecord(parsed)).toBe(parsed);
    const sheet = SheetRecord.parse(sheetOf(messy()));
    expect(parsedRecord(sheet)).toBe(sheet);
    const body = z.object({ records: z.array(SheetRecord) }).parse({ records: [sheetOf(completeLevel1())] });
    expect(parsedRecord(body.records[0]!)).toBe(body.records[0]);
  });

  test('parses anything else: defaults filled, emails normalised, blank cells absent; a bad record is refused', () => {
    const input = messy();
    const out = parsedRecord(input);
    expect(out).not.toBe(input);
    expect(out).toStrictEqual(ApprenticeRecord.parse(input));
    expect(out.signOffs[0]!.coachEmail).toBe('coach@example.com');
    expect(out.exams).toEqual([]);
    // A copy of a parsed record is not the record zod returned: it is parsed again.
    const copy = { ...transcriptRecord };
    expect(parsedRecord(copy)).not.toBe(copy);
    expect(() => parsedRecord({ ...input, schemaVersion: 2 } as never)).toThrow(/schemaVersion/);
  });

  test("a SheetRecord's output is an ApprenticeRecord's: parsing it again changes nothing", () => {
    for (const sheet of [typedSheet, SheetRecord.parse(sheetOf(messy())), SheetRecord.parse(sheetOf(completeLevel1()))])
      expect(ApprenticeRecord.parse(sheet)).toStrictEqual(sheet);
  });
});

describe('the progress is the same whether the boundary or the engine parsed the record', () => {
  test.each([
    ['complete level 1', completeLevel1()],
    ['blank cells, capitals, duplicates, over 24 h, future hours', messy()],
    ['every kind of provenance (the transcript record)', transcriptRecord],
  ])('%s', (_, input) => {
    const parsed = ApprenticeRecord.parse(input);
    expect(computeProgress(fw, parsed, AS_OF)).toStrictEqual(computeProgress(fw, input, AS_OF));
    expect(computeProgress(fw, JSON.parse(JSON.stringify(parsed)), AS_OF)).toStrictEqual(
      computeProgress(fw, parsed, AS_OF),
    );
  });

  test('hours rows are duplicates on date, category, hours, work function, level and description, nothing less', () => {
    const codes = (hours: ReturnType<typeof ojl>[]) =>
      computeProgress(fw, ApprenticeRecord.parse(record({ hours })), AS_OF).integrity.map((f) => f.code);
    expect(
      codes([ojl('2026-02-01', 4, { description: 'A|b' }), ojl('2026-02-01', 4, { description: ' a|B ' })]),
    ).toEqual(['hours.duplicate']);
    // A "|" in the description cannot stand in for another field.
    expect(
      codes([ojl('2026-02-01', 4, { levelId: 'L1', description: 'x' }), ojl('2026-02-01', 4, { description: 'L1|x' })]),
    ).toEqual([]);
    expect(codes([ojl('2026-02-01', 4), ojl('2026-02-01', 4, { workFunctionId: 'WF1' })])).toEqual([]);
    expect(codes([ojl('2026-02-01', 4), ojl('2026-02-01', 4.5)])).toEqual([]);
  });
});
