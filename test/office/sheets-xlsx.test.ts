// The qual card workbook opened by LibreOffice (a real spreadsheet application): it shows the engine's level percents
// and computes each row's Status from its tick and Confirmation as the engine's rule says (confirmed, pending,
// blank). The pure workbook checks are in test/unit/sheets-xlsx.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rosterRow } from '../../addon/test-support/fixtures';
import { computeProgress } from '../../shared/src';
import { cohortPlans } from '../../shared/src/sheets/workbook';
import { AS_OF, fw, record } from '../fixtures/workbook-record';

test('LibreOffice opens the workbook and computes the level percents the engine computes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-xlsx-'));
  const plans = cohortPlans([{ roster: { ...rosterRow({ levelId: 'L2' }), priorCredit: [] }, record }], [fw], AS_OF);
  const qualPlan = plans.find((p) => p.tag.kind === 'qualcard')! as (typeof plans)[number] & {
    percentCell: Record<string, string>;
  };
  // Put the qual card first: LibreOffice's CSV export writes the first sheet.
  const ordered = [qualPlan, ...plans.filter((p) => p !== qualPlan)];
  return (async () => {
    const { renderPlansToXlsx } = await import('../../shared/src/sheets/xlsx');
    writeFileSync(join(dir, 'card.xlsx'), await renderPlansToXlsx(ordered));
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'csv',
        '--outdir',
        dir,
        join(dir, 'card.xlsx'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const csv = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.csv'))!), 'utf8');
    const grid = csv
      .split('\n')
      .map((l) =>
        l
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
          .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
      );
    const progress = computeProgress(fw, record, AS_OF);
    for (const [levelId, cell] of Object.entries(qualPlan.percentCell)) {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
      const value = Number(grid[Number(row) - 1]![letters!.charCodeAt(0) - 65]);
      expect({ levelId, value }).toEqual({
        levelId,
        value: progress.levels.find((l) => l.levelId === levelId)!.percent,
      });
    }
    expect(progress.levels[0]!.percent).toBeGreaterThan(0);
    const status = qualPlan.cells.find((r) => r[0] === 'columns')!.indexOf('Status');
    const statusOf = (key: string): string => grid[qualPlan.rowOfKey[key]! - 1]![status]!;
    expect(['item:HD1.1.1', 'item:HD2.1.1', 'item:HD1.1.2', 'exam:L1:exam-1', 'cert:L1:cert-1'].map(statusOf)).toEqual([
      'confirmed',
      'pending',
      '',
      'confirmed',
      'pending',
    ]);
  })();
}, 150_000);
