// The qual card workbook printed as a person would (LibreOffice to PDF): a NITAS Level 1 card, every item, with
// half its items signed off and confirmed, prints landscape, one page wide, in a few pages; page 1 shows each item's
// id, competency, tick, date, "Signed by" and Status; the frozen header rows repeat on every page. The hours sheet
// and the dashboard print landscape too, and the dashboard's gap text is on its first page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COACH, rosterRow } from '../../addon/test-support/fixtures';
import { ApprenticeRecord, type Confirmation, getFramework } from '../../shared/src';
import type { SheetPlan } from '../../shared/src/sheets';
import { cohortPlans } from '../../shared/src/sheets/workbook';
import { renderPlansToXlsx } from '../../shared/src/sheets/xlsx';

const AS_OF = '2026-06-01';
const nitas = getFramework('nitas-help-desk')!;
const items = nitas.workFunctions.flatMap((w) => w.items).filter((i) => i.levels.includes('L1'));
const confirmed: Confirmation = {
  kind: 'confirmed',
  by: COACH,
  role: 'coach',
  at: '2026-03-02T15:00:00.000Z',
  date: '2026-03-02',
};
const roster = { ...rosterRow({ id: 'N001', levelId: 'L1', frameworkId: nitas.id }), priorCredit: [] };
const record = ApprenticeRecord.parse({
  schemaVersion: 1,
  apprentice: roster.apprentice,
  signOffs: items
    .filter((_, k) => k % 2 === 0)
    .map((i) => ({ itemId: i.id, date: '2026-03-01', coachEmail: COACH, notes: 'Observed', confirmation: confirmed })),
});

/** One plan as its own workbook, printed to PDF: its page count, page sizes and each page's text. */
async function print(
  dir: string,
  plan: SheetPlan,
  name: string,
): Promise<{ pages: number; landscape: boolean; text: string[] }> {
  const xlsx = join(dir, `${name}.xlsx`);
  writeFileSync(xlsx, await renderPlansToXlsx([plan]));
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, xlsx],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const pdf = join(dir, `${name}.pdf`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
  const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), pdf]).toString();
  const landscape = [...sizes.matchAll(/size:\s+([\d.]+) x ([\d.]+) pts/g)].every((m) => Number(m[1]) > Number(m[2]));
  const text = Array.from({ length: pages }, (_, p) =>
    execFileSync('pdftotext', ['-layout', '-f', String(p + 1), '-l', String(p + 1), pdf, '-']).toString(),
  );
  return { pages, landscape, text };
}

test('a NITAS Level 1 qual card prints landscape, one page wide, in at most 15 pages, the tick and Status on page 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-print-'));
  const plans = cohortPlans([{ roster, record }], [nitas], AS_OF);
  const plan = (kind: string): SheetPlan => plans.find((p) => p.tag.kind === kind)!;
  expect(items.length).toBeGreaterThan(30);

  const card = await print(dir, plan('qualcard'), 'card');
  expect(card.pages).toBeLessThanOrEqual(15);
  expect(card.landscape).toBe(true);
  const first = items[0]!;
  const words = (s: string): string[] => s.split(/\s+/).slice(0, 4);
  expect(card.text[0]).toContain(first.id);
  for (const w of words(first.texts.competency!)) expect(card.text[0]).toContain(w);
  for (const header of ['Item', 'Competency', 'Signed', 'Signed date', 'Signed by', 'Status', 'Confirmation'])
    expect(card.text[0]).toContain(header);
  expect(card.text[0]).toContain('confirmed');
  // The frozen header rows repeat on every printed page; every item is printed.
  for (const page of card.text) expect(page).toContain('Signed by');
  const all = card.text.join('\n');
  for (const i of items) expect(all).toContain(i.id);

  const hours = await print(dir, plan('hours'), 'hours');
  expect(hours.landscape).toBe(true);
  const header = hours.text[0]!.split('\n').find((l) => l.includes('Verified by'))!;
  expect(['Date', 'Hours', 'Category', 'Status'].map((h) => header.indexOf(h) >= 0)).toEqual([true, true, true, true]);

  const dashboard = await print(dir, plan('dashboard'), 'dashboard');
  expect(dashboard.landscape).toBe(true);
  const gap = record.signOffs.length ? items[1]!.id : '';
  expect(dashboard.text[0]).toContain(gap);
}, 180_000);
