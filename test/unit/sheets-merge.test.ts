// Regenerating never loses data: every tick, typed value, hours row and Confirmation cell is kept by key; items
// that left the framework move to the archived block with their sign-off; items that come back are restored. A
// view with the service's confirmations replaces the Confirmation cells; one without keeps them.

import { rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { clone, logHours, setByKey, sign } from '../../addon/test-support/grid';
import { type Confirmation, computeProgress, rowConfirmations } from '../../shared/src';
import {
  type Cell,
  columnsFromHeader,
  hoursCol,
  planApprentice,
  readHours,
  readQualCard,
  recordFromSheets,
  syncedView,
} from '../../shared/src/sheets';

const DATA_COLUMNS = ['signed', 'signedDate', 'signedBy', 'evidence', 'notes', 'confirmation'] as const;

/** Every (row key, column, value) a person entered on a qual card. */
function entered(grid: Cell[][]): Set<string> {
  const cols = columnsFromHeader(grid.find((r) => r[0] === 'columns')!);
  const out = new Set<string>();
  for (const r of grid) {
    const key = String(r[0] ?? '').replace(/^archived:/, '');
    if (!/^(item|exam|cert):/.test(key)) continue;
    for (const c of DATA_COLUMNS) {
      const v = cols.has(c) ? r[cols.get(c)!] : undefined;
      if (v !== undefined && v !== null && v !== '' && v !== false) out.add(JSON.stringify([key, c, v]));
    }
  }
  return out;
}
const columnOf = (grid: Cell[][], c: 'confirmation'): number =>
  columnsFromHeader(grid.find((r) => r[0] === 'columns')!).get(c)!;
const hoursRows = (grid: Cell[][]): string[] => readHours(grid).rows.map((r) => JSON.stringify(r));

/** The next plan, from what the sheets hold now (the previous plan is not an input: the sheets are the truth). */
function regenerate(qual: Cell[][], hours: Cell[][], framework = smallFramework(), roster = rosterRow()) {
  return planApprentice(framework, roster, { qualCard: readQualCard(qual), hours: readHours(hours) });
}

function filledCard(roster = rosterRow()) {
  const v1 = planApprentice(smallFramework(), roster);
  const qual = clone(v1.qualCard.cells);
  const hours = clone(v1.hours.cells);
  sign(qual, 'item:HD1.1.1', '2026-02-01');
  sign(qual, 'item:HD1.2.2', '2026-02-05');
  setByKey(qual, 'item:HD1.2.2', 'evidence', 'Ticket #4411 resolved with the user');
  setByKey(qual, 'item:HD1.2.2', 'notes', 'Observed on the night shift');
  setByKey(qual, 'item:HD1.1.2', 'signed', true); // pending
  setByKey(qual, 'item:HD1.1.3', 'notes', 'Starts next month'); // a note on an unsigned item
  setByKey(qual, 'exam:L1:exam-1', 'signed', true);
  setByKey(qual, 'exam:L1:exam-1', 'signedDate', '2026-03-01');
  setByKey(qual, 'exam:L1:exam-1', 'evidence', 'Certificate 77-1');
  // What the service confirmed, as Qualcard wrote it: kept until the service says otherwise.
  setByKey(qual, 'item:HD1.1.1', 'confirmation', 'confirmed by coach@example.com on 2026-02-02');
  setByKey(qual, 'item:HD1.2.2', 'confirmation', 'attested by admin@example.com on 2026-02-06: paper card');
  logHours(hours, {
    date: '2026-02-02',
    category: 'On-the-job learning',
    workFunction: 'CWF1 — Customer service',
    hours: 6,
    description: 'Phones',
    verifiedBy: 'coach@example.com',
  });
  logHours(hours, {
    date: '2026-02-03',
    category: 'Related instruction',
    hours: 3.5,
    description: 'A+ course, module 2',
  });
  hours[4]![hoursCol('confirmation') - 1] = 'confirmed by coach@example.com on 2026-02-03';
  const typed = logHours(hours, { date: '2026-02-04', category: 'Work experience', hours: 8 });
  hours[typed - 1]![0] = ''; // a row whose key someone cleared
  return { qual, hours };
}

describe('regenerating a qual card and hours sheet', () => {
  test('same framework: nothing changes, cell for cell', () => {
    const { qual, hours } = filledCard();
    const again = regenerate(qual, hours);
    const keyed = clone(hours);
    const blank = keyed.findIndex((r, i) => i > 3 && r[0] === '' && r[1] === '2026-02-04');
    expect(again.qualCard.cells).toEqual(qual);
    // The only change: the row whose key was cleared gets a fresh one.
    expect(again.hours.cells[blank]![0]).toMatch(/^h-\d+$/);
    keyed[blank]![0] = again.hours.cells[blank]![0]!;
    const blankAsEmpty = (g: Cell[][]): Cell[][] => g.map((r) => r.map((v) => (v === null ? '' : v)));
    expect(blankAsEmpty(again.hours.cells.slice(0, keyed.length))).toEqual(blankAsEmpty(keyed));
  });

  test('a new framework version: the dropped item moves to the archived block with its sign-off, the new item is blank', () => {
    const { qual, hours } = filledCard();
    const before = entered(qual);
    const v2fw = smallFramework({ version: '2.0.0', drop: ['HD1.2.2'], add: ['HD1.2.3'] });
    const v2 = regenerate(qual, hours, v2fw);
    const after = entered(v2.qualCard.cells);
    for (const e of before) expect(after).toContain(e);
    expect(after.size).toBe(before.size);
    const archived = v2.qualCard.cells.find((r) => r[0] === 'archived:item:HD1.2.2')!;
    expect(archived).toContain('Ticket #4411 resolved with the user');
    expect(archived).toContain('Competency HD1.2.2'); // its texts, as they were
    expect(v2.qualCard.cells.find((r) => r[0] === 'archived-title')!.join(' ')).toContain('Small Help Desk 2.0.0');
    expect(v2.qualCard.cells.some((r) => r[0] === 'item:HD1.2.2')).toBe(false);
    expect(entered(v2.qualCard.cells.filter((r) => r[0] === 'item:HD1.2.3' || r[0] === 'columns')).size).toBe(0);
    expect(hoursRows(v2.hours.cells)).toEqual(hoursRows(regenerate(qual, hours).hours.cells));
  });

  test('archived rows survive further regenerations and return when the item comes back', () => {
    const { qual, hours } = filledCard();
    const v2 = regenerate(qual, hours, smallFramework({ version: '2.0.0', drop: ['HD1.2.2'] }));
    const v2b = regenerate(
      clone(v2.qualCard.cells),
      clone(v2.hours.cells),
      smallFramework({ version: '2.0.0', drop: ['HD1.2.2'] }),
    );
    expect(v2b.qualCard.cells).toEqual(v2.qualCard.cells);
    const v3 = regenerate(clone(v2.qualCard.cells), clone(v2.hours.cells), smallFramework({ version: '3.0.0' }));
    expect(v3.qualCard.cells.some((r) => String(r[0]).startsWith('archived'))).toBe(false);
    expect(entered(v3.qualCard.cells)).toEqual(entered(qual));
  });

  test('an item with nothing entered that leaves the framework is not archived (there is nothing to keep)', () => {
    const { qual, hours } = filledCard();
    const v2 = regenerate(qual, hours, smallFramework({ version: '2.0.0', drop: ['HD1.2.1'] }));
    expect(v2.qualCard.cells.some((r) => String(r[0]).includes('HD1.2.1'))).toBe(false);
    expect(v2.qualCard.cells.some((r) => r[0] === 'archived-title')).toBe(false);
  });

  test('a roster change to a later level keeps level 1 sign-offs (cumulative) and adds level 2 items', () => {
    const { qual, hours } = filledCard();
    const v2 = regenerate(qual, hours, smallFramework(), rosterRow({ levelId: 'L2', name: 'Ada Renamed' }));
    expect(entered(v2.qualCard.cells)).toEqual(entered(qual));
    expect(v2.qualCard.cells.some((r) => r[0] === 'item:HD2.1.1')).toBe(true);
    expect(v2.qualCard.name).toContain('Ada Renamed');
  });

  test('a non-cumulative framework: items outside the new level are archived with their sign-offs', () => {
    const fw = smallFramework({ cumulative: false });
    const v1 = planApprentice(fw, rosterRow());
    const qual = clone(v1.qualCard.cells);
    sign(qual, 'item:HD1.1.1');
    const v2 = planApprentice(fw, rosterRow({ levelId: 'L2' }), {
      qualCard: readQualCard(qual),
      hours: readHours(v1.hours.cells),
    });
    expect(v2.qualCard.cells.find((r) => r[0] === 'archived:item:HD1.1.1')).toBeDefined();
    expect(entered(v2.qualCard.cells)).toEqual(entered(qual));
  });

  test('a long hours log grows the sheet instead of dropping rows', () => {
    const v1 = planApprentice(smallFramework(), rosterRow());
    const hours = clone(v1.hours.cells);
    const logged = 450;
    for (let i = 0; i < logged; i += 1) {
      if (i >= 400) hours.push(Array.from({ length: hours[0]!.length }, () => null));
      const row = hours[4 + i]!;
      row[0] = i >= 400 ? '' : row[0]!;
      row[1] = '2026-02-02';
      row[2] = 'On-the-job learning';
      row[4] = 1;
      row[5] = `entry ${i}`;
    }
    const v2 = planApprentice(smallFramework(), rosterRow(), { qualCard: null, hours: readHours(hours) });
    const rows = readHours(v2.hours.cells).rows;
    expect(rows).toHaveLength(logged);
    expect(new Set(rows.map((r) => r.key)).size).toBe(logged);
    expect(rows.map((r) => r.description)).toEqual(Array.from({ length: logged }, (_, i) => `entry ${i}`));
    expect(v2.hours.rows).toBeGreaterThanOrEqual(4 + logged + 100);
  });

  test("a view with the service's confirmations replaces the Confirmation cells; the typed cells stay as they were", () => {
    const { qual, hours } = filledCard();
    const roster = rosterRow();
    const built = recordFromSheets(roster, { name: 'q', grid: qual }, { name: 'h', grid: hours });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const c: Confirmation = {
      kind: 'confirmed',
      by: 'coach@example.com',
      role: 'coach',
      at: '2026-02-09T10:00:00.000Z',
      date: '2026-02-09',
    };
    // What the service holds: the sheet's entries, two of them confirmed.
    const stored = {
      ...built.record,
      signOffs: built.record.signOffs.map((x) =>
        x.itemId === 'HD1.1.2' ? { ...x, date: '2026-02-08', coachEmail: 'coach@example.com', confirmation: c } : x,
      ),
      exams: built.record.exams.map((e) => ({
        ...e,
        confirmation: { ...c, role: 'admin' as const, evidence: 'Certificate 77-1' },
      })),
    };
    const progress = computeProgress(smallFramework(), stored, '2026-06-01');
    const confirmations = rowConfirmations(stored);
    const again = planApprentice(
      smallFramework(),
      roster,
      { qualCard: readQualCard(qual), hours: readHours(hours) },
      syncedView(smallFramework(), roster.apprentice, progress, confirmations),
    );
    const conf = (key: string) => again.qualCard.cells.find((r) => r[0] === key)![columnOf(qual, 'confirmation')];
    expect(conf('item:HD1.1.2')).toBe('confirmed by coach@example.com on 2026-02-09');
    expect(conf('item:HD1.1.1')).toBe(''); // the service has no confirmation for it: the sheet's text is not kept
    expect(conf('exam:L1:exam-1')).toBe('confirmed by coach@example.com on 2026-02-09 (evidence: Certificate 77-1)');
    const typed = (g: Cell[][]) => [...entered(g)].filter((e) => !e.includes('"confirmation"'));
    expect(typed(again.qualCard.cells)).toEqual(typed(qual));
    expect(again.hours.cells[4]![hoursCol('confirmation') - 1]).toBe('');
  });
});
