// The transcript says how every entry was established: counted entries with who confirmed them and when (or that an
// admin attested them, why and with what proof), pending entries apart and never counted, flagged entries listed as
// before. Read back with exceljs here; test/office/transcript-xlsx.test.ts opens it in LibreOffice.
import ExcelJS from 'exceljs';
import { buildTranscript, SUMMARY_HEADER_ROW } from '../../functions/src/excel/transcript';
import {
  ApprenticeRecord,
  computeProgress,
  getFramework,
  HOURS_CATEGORY_LABEL,
  type ProgramChoice,
  STATUS_LABEL,
} from '../../shared/src';
import { ADMIN, COACH, confirmed, ojl, record, sign, typed } from '../fixtures/engine';
import { STATUS_RULES, textRules } from '../fixtures/status-format';
import { AS_OF, fw, PAPER, PAPER_FILE, transcriptInput, transcriptRecord } from '../fixtures/transcript-record';

type Rows = Record<string, string>[];

async function open(bytes: Buffer): Promise<Record<string, { grid: string[][]; table: (headerRow?: number) => Rows }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    wb.worksheets.map((ws) => {
      const grid: string[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        grid[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      });
      for (let i = 0; i < grid.length; i++) grid[i] ??= [];
      const table = (headerRow = 1): Rows => {
        const header = grid[headerRow - 1]!;
        const rows: Rows = [];
        for (const r of grid.slice(headerRow)) {
          if (!r.some((c) => c !== '')) break;
          rows.push(Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
        }
        return rows;
      };
      return [ws.name, { grid, table }];
    }),
  );
}

const pick = (rows: Rows, ...keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

describe('a transcript of confirmed, attested, pending and flagged entries', () => {
  let book: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    book = await open(await buildTranscript(transcriptInput()));
  });

  test('has a sheet per kind of entry, the pending entries on their own sheet, then the gaps', () => {
    expect(Object.keys(book)).toEqual([
      'Summary',
      'Signed items',
      'Hours',
      'Hours by confirmation',
      'Prior credit',
      'Exams & certifications',
      'Pending (not counted)',
      'Open gaps',
      'Credentials',
    ]);
  });

  test("states the apprentice's status, coloured by conditional formats on the label, not by a fill", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTranscript(transcriptInput())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Summary')!;
    const row = book.Summary!.grid.findIndex((r) => r[0] === 'Status') + 1;
    expect((ws.getCell(`B${row}`).fill as { pattern?: string } | undefined)?.pattern ?? 'none').toBe('none');
    expect(textRules(ws)).toEqual([{ ref: `B${row}`, rules: STATUS_RULES }]);
  });

  test('says at the top how many entries counted, by provenance, how many are pending and flagged', () => {
    const top = Object.fromEntries(book.Summary!.grid.slice(0, SUMMARY_HEADER_ROW - 2).map((r) => [r[0], r[1]]));
    const { status } = transcriptInput().progress;
    expect(top).toMatchObject({
      Apprentice: 'Ada Apprentice',
      Status: STATUS_LABEL[status.status],
      'Status reason': status.reason,
      'Progress as of': AS_OF,
      // The tiny framework has no optional work function: every program runs both.
      'Work functions run': 'WF1, WF2 (all)',
      'Entries counted': '10: 7 confirmed by a coach or admin, 3 attested by an admin',
      'Pending, not counted': '6: typed in a sheet, not confirmed (sheet "Pending (not counted)")',
      'Flagged, not counted': '1: confirmed or attested, with an integrity flag (sheet "Open gaps")',
    });
    expect(book.Summary!.grid[SUMMARY_HEADER_ROW - 1]![0]).toBe('Level');
    const start = book.Summary!.grid.findIndex((r) => r[0] === 'Entries');
    expect(book.Summary!.table(start + 1)).toEqual([
      row('Sign-offs', 1, 1, 1, 1),
      row('Hours entries', 4, 1, 3, 0),
      row('Prior credit', 1, 0, 1, 0),
      row('Exams passed', 1, 0, 0, 0),
      row('Certifications', 0, 1, 1, 0),
    ]);
    function row(kind: string, confirmed: number, attested: number, pending: number, flagged: number) {
      return {
        Entries: kind,
        Confirmed: String(confirmed),
        Attested: String(attested),
        Pending: String(pending),
        Flagged: String(flagged),
      };
    }
  });

  test('signed items: who confirmed each and when, or who attested it, why and with what proof', () => {
    const signed = book['Signed items']!.table();
    expect(pick(signed, 'Item', 'Provenance', 'Confirmed or attested by', 'On', 'Attested because', 'Proof')).toEqual([
      ['A1', 'Confirmed (coach)', COACH, '2026-01-05', '', ''],
      ['A2', 'Attested (admin)', ADMIN, '2026-01-06', PAPER, PAPER_FILE],
      ['B1', 'Confirmed (coach)', COACH, '2026-01-05', '', ''],
    ]);
    expect(signed.map((s) => s.Counted)).toEqual([
      'Yes',
      'Yes',
      expect.stringMatching(/^No: Sign-off for B1 was signed by former\.coach@example\.com, who is not a coach/),
    ]);
    expect(signed.find((s) => s.Item === 'A3')).toBeUndefined();
  });

  test('hours: totals counted, pending and flagged; counted hours by who confirmed them and when', () => {
    expect(
      pick(book.Hours!.table(), 'Hours category', 'Entries', 'Hours counted', 'Hours pending (not counted)'),
    ).toEqual([
      ['On-the-job learning', '6', '30', '16'],
      ['Related instruction', '2', '2', '3'],
    ]);
    const groups = book['Hours by confirmation']!.table();
    expect(pick(groups, 'Dated from', 'Dated to', 'Hours category', 'Entries', 'Hours', 'Provenance', 'On')).toEqual([
      ['2026-02-02', '2026-02-04', 'On-the-job learning', '3', '24', 'Confirmed (coach)', '2026-02-06'],
      ['2026-02-05', '2026-02-05', 'Related instruction', '1', '2', 'Confirmed (coach)', '2026-02-06'],
      ['2026-01-05', '2026-01-05', 'On-the-job learning', '1', '6', 'Attested (admin)', '2026-01-06'],
    ]);
    expect(groups[2]!['Attested because']).toBe('Paper timesheet from before Acme used Qualcard');
  });

  test('prior credit, exams and certifications show who approved or recorded them, and the proof', () => {
    expect(
      pick(book['Prior credit']!.table(), 'Description', 'Provenance', 'Confirmed or attested by', 'Proof'),
    ).toEqual([['College course', 'Confirmed (admin)', ADMIN, 'Transcript on file']]);
    expect(
      pick(book['Exams & certifications']!.table(), 'Kind', 'Id', 'Result', 'Provenance', 'Proof', 'Counted'),
    ).toEqual([
      ['Exam', 'exam-1', 'Passed', 'Confirmed (admin)', 'LMS 4411', 'Yes'],
      ['Exam', 'exam-2', 'Not passed', 'Typed, not confirmed', '', 'No: not passed.'],
      ['Certification', 'cert-1', 'Held', 'Attested (admin)', 'Cert no. C-99', 'Yes'],
    ]);
  });

  test('the pending sheet lists every entry typed and not confirmed, each marked not counted, and why', () => {
    const pending = book['Pending (not counted)']!.table();
    expect(pick(pending, 'Counted', 'Kind', 'Entry', 'Date', 'Hours', 'Typed as by')).toEqual([
      ['No', 'Sign-off', 'A3', '2026-02-20', '', COACH],
      ['No', 'Hours', '2 entries', '2026-02-23 to 2026-02-24', '16', COACH],
      ['No', 'Hours', '1 entry', '2026-04-01', '3', ''],
      ['No', 'Prior credit', 'Prior credit 2', '', '40', ''],
      ['No', 'Certification', 'cert-2', '2026-02-15', '', ''],
    ]);
    expect(pending.map((p) => p['Why it is not counted'])).toEqual([
      'Not confirmed by a coach.',
      'Not verified by a coach.',
      'Not verified by a coach. Flagged: hours.future.',
      'Not approved by a sponsor admin.',
      'Not recorded by a sponsor admin.',
    ]);
  });

  test('open gaps: the engine gaps except pending entries (one line for them), then the integrity flags', () => {
    const progress = computeProgress(fw, transcriptRecord, AS_OF);
    const gaps = book['Open gaps']!.table();
    expect(gaps.filter((g) => g.Kind === 'Gap').map((g) => g.Code)).toEqual(
      progress.gaps.filter((g) => !g.code.startsWith('pending.')).map((g) => g.code),
    );
    expect(gaps.filter((g) => g.Kind === 'Pending').map((g) => g.Message)).toEqual([
      '6 entries are typed in a sheet and not confirmed: not counted until a coach or admin confirms them (sheet "Pending (not counted)").',
    ]);
    expect(gaps.filter((g) => g.Kind === 'Integrity').map((g) => g.Code)).toEqual([
      'signoff.not-coach',
      'hours.future',
    ]);
  });
});

test('a confirmation dated after the as-of date is pending as of then, and says so', async () => {
  const book = await open(await buildTranscript(transcriptInput(transcriptRecord, '2026-02-10')));
  const pending = book['Pending (not counted)']!.table();
  expect(pending.find((p) => p.Kind === 'Exam')).toMatchObject({
    Entry: 'exam-1',
    'Why it is not counted': 'Confirmed on 2026-02-11, after the as-of date 2026-02-10.',
  });
});

test('the progress must be of the record: a transcript never prints counts its rows contradict', async () => {
  const input = transcriptInput();
  const other = ApprenticeRecord.parse({ ...transcriptRecord, signOffs: transcriptRecord.signOffs.slice(1) });
  await expect(buildTranscript({ ...input, record: other })).rejects.toThrow(
    /^transcript: sign-off entries .* do not match the progress/,
  );
});

test('thousands of hours entries, confirmed or pending, keep the transcript small', async () => {
  const day = (i: number) => new Date(Date.parse('2026-01-05') + (i % 500) * 86_400_000).toISOString().slice(0, 10);
  const hours = Array.from({ length: 20_000 }, (_, i) => {
    // 40 entries a day, 10 hours; the last 1,000 are 100 a day, 25 hours: flagged.
    const entry = ojl(i < 19_000 ? day(i) : '2027-05-25', 0.25, { id: `h${i}`, description: `Ticket ${i}` });
    return i % 2 ? typed(entry) : entry;
  });
  const r = ApprenticeRecord.parse({ ...transcriptRecord, hours });
  const bytes = await buildTranscript(transcriptInput(r, '2027-06-01'));
  expect(bytes.length).toBeLessThan(150_000);
  const book = await open(bytes);
  expect(pick(book['Hours by confirmation']!.table(), 'Entries', 'Hours', 'Counted')).toEqual([
    ['9500', '2375', 'Yes'],
    ['500', '125', 'No: flagged hours.over-24'],
  ]);
  const pending = book['Pending (not counted)']!.table().filter((p) => p.Kind === 'Hours');
  expect(pick(pending, 'Entry', 'Hours', 'Why it is not counted')).toEqual([
    ['9500 entries', '2375', 'Not verified by a coach.'],
    ['500 entries', '125', 'Not verified by a coach. Flagged: hours.over-24.'],
  ]);
});

describe("a transcript follows the apprentice's program: items of a work function not run are not required", () => {
  const f = getFramework('it-generalist-competencies')!;
  const first = f.workFunctions.find((wf) => wf.id === 'JF1')!.items.find((i) => i.core === 'core')!.id;
  const transcript = async (plan?: string[], program?: ProgramChoice) => {
    const base = record({ signOffs: [first, '5c'].map((id) => ({ ...sign(id), confirmation: confirmed() })) });
    const r = ApprenticeRecord.parse({
      ...base,
      apprentice: { ...base.apprentice, frameworkId: f.id, ...(plan ? { optionalWorkFunctionIds: plan } : {}) },
    });
    const progress = computeProgress(f, r, AS_OF, program);
    const book = await open(
      await buildTranscript({ ...transcriptInput(), framework: f, record: r, progress, program }),
    );
    const top = Object.fromEntries(book.Summary!.grid.slice(0, SUMMARY_HEADER_ROW - 2).map((row) => [row[0], row[1]]));
    return {
      run: top['Work functions run'],
      required: book.Summary!.table(SUMMARY_HEADER_ROW)[0]!['Items signed']!.split(' of ')[1],
      core: pick(book['Signed items']!.table(), 'Item', 'Core'),
    };
  };

  test("the default runs every job function: 5c (core in Job Function 5) is core, the document's 22 required", async () => {
    expect(await transcript()).toEqual({
      run: 'JF1, JF2, JF3, JF4, JF5, JF6, JF7 (all)',
      required: '22',
      core: [
        [first, 'core'],
        ['5c', 'core'],
      ],
    });
  });

  test('a program leaving every optional job function out: 5c is labelled not required', async () => {
    expect(await transcript(undefined, { optionalWorkFunctionIds: [] })).toEqual({
      run: 'JF1, JF2, JF4, JF7 (not run, their items not required: JF3, JF5, JF6)',
      required: '20',
      core: [
        [first, 'core'],
        ['5c', 'not required (work function not run)'],
      ],
    });
  });

  test("a program running Job Function 5 makes 5c core; the apprentice's own plan wins over the program", async () => {
    const jf5 = {
      run: 'JF1, JF2, JF4, JF5, JF7 (not run, their items not required: JF3, JF6)',
      required: '21',
      core: [
        [first, 'core'],
        ['5c', 'core'],
      ],
    };
    expect(await transcript(undefined, { optionalWorkFunctionIds: ['JF5'] })).toEqual(jf5);
    expect(await transcript(['JF5'], { optionalWorkFunctionIds: [] })).toEqual(jf5);
    expect((await transcript([], { optionalWorkFunctionIds: ['JF5'] })).core[1]).toEqual([
      '5c',
      'not required (work function not run)',
    ]);
  });
});

test("the Summary prints each level's sign-off standard in its document's words (no source file hash), or that none is stated", async () => {
  const nitas = getFramework('nitas-help-desk')!;
  const base = record({ signOffs: [] });
  const r = ApprenticeRecord.parse({
    ...base,
    apprentice: { ...base.apprentice, frameworkId: nitas.id, levelId: 'L3' },
  });
  const progress = computeProgress(nitas, r, AS_OF);
  const book = await open(await buildTranscript({ ...transcriptInput(), framework: nitas, record: r, progress }));
  const standards = book.Summary!.table(SUMMARY_HEADER_ROW).map((row) => [row.Level, row['Sign-off standard']]);
  expect(standards).toEqual([
    [
      'L1',
      '"The standard to which the task must be accomplished will be that you can perform the job function with some help from your supervisor or coach."',
    ],
    [
      'L2',
      '"The standard to which the task must be accomplished will be that the worker can perform the job function with some help from his/her supervisor or coach or a colleague."',
    ],
    [
      'L3',
      '"The Level 3 standard requires you to independently perform the job functions at the stated level of performance."',
    ],
  ]);
  const tiny = await open(await buildTranscript(transcriptInput()));
  expect(tiny.Summary!.table(SUMMARY_HEADER_ROW)[0]!['Sign-off standard']).toBe('not stated in the framework document');
});

test("dates and times on the sponsor's calendar, no internal id, and the level table's counts under their headers", async () => {
  // Confirmed at 02:00 UTC on the 13th: still the 12th in Chicago, where the transcript is generated at 03:00.
  const base = record({
    signOffs: [{ ...sign('A1'), confirmation: { ...confirmed(), at: '2026-01-13T02:00:00.000Z' } }],
  });
  const r = ApprenticeRecord.parse(base);
  const progress = computeProgress(fw, r, AS_OF, undefined, 'America/Chicago');
  const input = { ...transcriptInput(), record: r, progress, createdAt: '2026-03-01T09:00:00.000Z' };
  const bytes = await buildTranscript(input);
  const book = await open(bytes);
  const top = Object.fromEntries(book.Summary!.grid.slice(0, SUMMARY_HEADER_ROW - 2).map((row) => [row[0], row[1]]));
  expect(top.Generated).toBe('2026-03-01 03:00 (America/Chicago)');
  expect(Object.keys(top)).not.toContain('Apprentice id');
  expect(Object.keys(top)).not.toContain('Sponsor id');
  expect(pick(book['Signed items']!.table(), 'Item', 'On')).toEqual([['A1', '2026-01-12']]);
  // Nothing printed holds the apprentice's or sponsor's id, or a timestamp.
  const text = Object.values(book)
    .flatMap((s) => s.grid.flat())
    .join('\n');
  expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  expect(text.split('\n')).not.toContain(r.apprentice.id);
  expect(text.split('\n')).not.toContain(input.sponsor.id);
  // The level table: each count centred under its centred header, hours per category against their own requirement.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Summary')!;
  const header = ws.getRow(SUMMARY_HEADER_ROW);
  const first = ws.getRow(SUMMARY_HEADER_ROW + 1);
  const centred = (cell: ExcelJS.Cell) => cell.alignment?.horizontal === 'center';
  for (const name of ['Percent', 'Items signed', 'Exams passed', 'Work experience hours']) {
    const col = (header.values as unknown[]).indexOf(name);
    expect([name, centred(header.getCell(col)), centred(first.getCell(col))]).toEqual([name, true, true]);
  }
  const l1 = progress.levels[0]!;
  expect(l1.hours.length).toBeGreaterThan(0);
  const table = book.Summary!.table(SUMMARY_HEADER_ROW)[0]!;
  for (const h of l1.hours)
    expect(table[`${HOURS_CATEGORY_LABEL[h.category]} hours`]).toBe(
      `${h.done.toLocaleString('en-US')} of ${h.required.toLocaleString('en-US')}`,
    );
});
