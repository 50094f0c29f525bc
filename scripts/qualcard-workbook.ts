// Writes a qual card workbook (.xlsx) for a cohort: the same sheets the add-on generates.
//   tsx scripts/qualcard-workbook.ts <roster.csv | records.json> <out.xlsx> [--as-of YYYY-MM-DD]
// roster.csv has the Roster sheet's headers (Apprentice ID, Name, Email, ...); records.json is an array of
// ApprenticeRecords (their sign-offs and hours fill the sheets).
import { readFileSync, writeFileSync } from 'node:fs';
import { ApprenticeRecord, type Framework, IsoDate, parseCsv, shippedFrameworks } from '@qualcard/shared';
import { formatRosterErrors, parseRoster, ROSTER_HEADERS, type RosterRow } from '@qualcard/shared/sheets';
import { cohortWorkbook, type WorkbookEntry } from '../shared/src/sheets/workbook';

export async function qualCardWorkbook(
  input: RosterRow[] | ApprenticeRecord[],
  opts: { asOf: string; frameworks?: Framework[] },
): Promise<Buffer> {
  const entries: WorkbookEntry[] = input.map((x, i) =>
    'schemaVersion' in x
      ? { roster: { row: i + 5, apprentice: x.apprentice, priorCredit: [] }, record: x }
      : { roster: x },
  );
  return cohortWorkbook(entries, opts.frameworks ?? shippedFrameworks(), opts.asOf);
}

/** Roster rows from CSV text with the Roster sheet's headers; errors name the cell. */
export function rosterFromCsv(text: string, frameworks: Framework[] = shippedFrameworks()): RosterRow[] {
  const rows = parseCsv(text);
  const parsed = parseRoster(rows, frameworks);
  if (parsed.errors.length) throw new Error(formatRosterErrors(parsed.errors));
  return parsed.rows;
}

async function main(argv: string[]): Promise<void> {
  const [input, out] = argv.filter((a) => !a.startsWith('--'));
  const asOfFlag = argv.indexOf('--as-of');
  const asOf = asOfFlag >= 0 ? argv[asOfFlag + 1]! : new Date().toISOString().slice(0, 10);
  if (!input || !out)
    throw new Error(
      'usage: tsx scripts/qualcard-workbook.ts <roster.csv | records.json> <out.xlsx> [--as-of YYYY-MM-DD]',
    );
  if (!IsoDate.safeParse(asOf).success) throw new Error(`--as-of: "${asOf}" is not a date (YYYY-MM-DD)`);
  const text = readFileSync(input, 'utf8');
  const data = input.endsWith('.json')
    ? (JSON.parse(text) as unknown[]).map((r, i) => {
        const p = ApprenticeRecord.safeParse(r);
        if (!p.success)
          throw new Error(`${input} record ${i}: ${p.error.issues[0]!.path.join('.')}: ${p.error.issues[0]!.message}`);
        return p.data;
      })
    : rosterFromCsv(text);
  const buffer = await qualCardWorkbook(data, { asOf });
  writeFileSync(out, buffer);
  console.log(
    `wrote ${out}: ${data.length} apprentice(s), roster headers ${ROSTER_HEADERS.length} columns, ${(buffer.length / 1024).toFixed(0)} KiB`,
  );
}

if (require.main === module)
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
