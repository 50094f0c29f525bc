// The transcript names each level's credential (id, status, where to download it) and how anyone verifies it.
import ExcelJS from 'exceljs';
import { buildTranscript } from '../../functions/src/excel/transcript';
import { CREDENTIALS_SHEET, VERIFY_HOW } from '../../functions/src/excel/transcript-credentials';
import { transcriptInput } from '../fixtures/transcript-record';

async function sheet(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet(CREDENTIALS_SHEET)!.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return rows;
}

test('each level: its credential, or why there is none; then how to verify', async () => {
  const input = transcriptInput();
  const [first, ...rest] = input.progress.levels;
  const credentials = [
    {
      levelId: first!.levelId,
      id: 'urn:uuid:old',
      name: 'old one',
      status: 'revoked' as const,
      issuedAt: '2026-01-02T00:00:00Z',
    },
    {
      levelId: first!.levelId,
      id: 'urn:uuid:1e7e',
      name: 'Level one',
      status: 'active' as const,
      // 03:00 UTC is still the 2nd in the sponsor's calendar (America/Chicago).
      issuedAt: '2026-02-03T03:00:00Z',
    },
  ];
  const rows = await sheet(
    await buildTranscript({ ...input, progress: { ...input.progress, timeZone: 'America/Chicago' }, credentials }),
  );
  expect(rows[0]).toEqual(['Level', 'Credential', 'Credential id', 'Status', 'Issued']);
  expect(rows[1]).toEqual([first!.levelId, 'Level one', 'urn:uuid:1e7e', 'active', '2026-02-02']);
  rest.forEach((l, i) => {
    expect(rows[2 + i]![0]).toBe(l.levelId);
    expect(rows[2 + i]![1]).toMatch(l.complete ? /being issued/ : /none yet/);
  });
  expect(rows.at(-1)).toEqual([VERIFY_HOW]);
  expect(VERIFY_HOW).toContain('npx qualcard verify <file>');
});
