// The qual card's in-sheet progress formulas, evaluated in HyperFormula, agree with the engine.

import { COACH, rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { clone, logHours, setByKey, sign } from '../../addon/test-support/grid';
import { evaluate, valueAt } from '../../addon/test-support/hyperformula';
import { computeProgress, type Framework, getFramework } from '../../shared/src';
import { a1, type Cell, planApprentice, type RosterRow, recordFromSheets } from '../../shared/src/sheets';

const AS_OF = '2026-06-01';

/** Plans, lets `fill` edit the sheets as people would, then compares every level's numbers. */
function compare(framework: Framework, roster: RosterRow, fill: (qual: Cell[][], hours: Cell[][]) => void) {
  const plans = planApprentice(framework, roster);
  const qual = clone(plans.qualCard.cells);
  const hours = clone(plans.hours.cells);
  fill(qual, hours);
  const hf = evaluate({ [plans.qualCard.name]: qual, [plans.hours.name]: hours });
  const built = recordFromSheets(
    roster,
    { name: plans.qualCard.name, grid: qual },
    { name: plans.hours.name, grid: hours },
  );
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const progress = computeProgress(framework, built.record, AS_OF);
  const percentCells = (plans.qualCard as unknown as { percentCell: Record<string, string> }).percentCell;
  const compared: string[] = [];
  for (const [levelId, cell] of Object.entries(percentCells)) {
    const level = progress.levels.find((l) => l.levelId === levelId)!;
    const row = plans.qualCard.rowOfKey[`level:${levelId}`]!;
    expect({
      level: levelId,
      percent: valueAt(hf, plans.qualCard.name, cell),
      itemsSigned: valueAt(hf, plans.qualCard.name, a1(row, 3)),
      itemsRequired: valueAt(hf, plans.qualCard.name, a1(row, 4)),
    }).toEqual({
      level: levelId,
      percent: level.percent,
      itemsSigned: level.items.done,
      itemsRequired: level.items.required,
    });
    compared.push(levelId);
  }
  return { hf, plans, progress, compared };
}

describe('in-sheet progress formulas agree with computeProgress', () => {
  const fw = smallFramework();

  test('empty card: zero everywhere, same as the engine', () => {
    const { compared, progress } = compare(fw, rosterRow(), () => {});
    expect(compared).toEqual(['L1']);
    expect(progress.levels[0]!.percent).toBe(0);
  });

  test('confirmed sign-offs count, a grid tick without a stamp is pending and does not', () => {
    const { hf, plans, progress } = compare(fw, rosterRow(), (q, h) => {
      sign(q, 'item:HD1.1.1');
      sign(q, 'item:HD1.2.1', '2026-02-03');
      setByKey(q, 'item:HD1.1.2', 'signed', true); // pending: ticked in the grid, no verified stamp
      sign(q, 'item:HD1.1.3'); // optional: not part of the percent
      setByKey(q, 'exam:L1:exam-1', 'signed', true);
      setByKey(q, 'exam:L1:exam-1', 'signedDate', '2026-03-01');
      logHours(h, {
        date: '2026-02-02',
        category: 'On-the-job learning',
        hours: 7.5,
        workFunction: 'CWF1 — Customer service',
      });
      logHours(h, { date: '2026-02-03', category: 'Related instruction', hours: 4 });
    });
    expect(progress.levels[0]!.items.done).toBe(2);
    const row = plans.qualCard.rowOfKey['item:HD1.1.2']!;
    const statusCol = plans.qualCard.cells.find((r) => r[0] === 'columns')!.indexOf('Status') + 1;
    expect(valueAt(hf, plans.qualCard.name, a1(row, statusCol))).toBe('pending');
    expect(progress.levels[0]!.percent).toBeGreaterThan(0);
  });

  test('cumulative levels: untagged hours fill level 1 first, the excess goes to level 2; verified prior credit counts', () => {
    const { compared, progress } = compare(
      fw,
      rosterRow({ levelId: 'L2' }, [{ category: 'on-the-job-learning', hours: 30 }]),
      (q, h) => {
        for (const id of ['HD1.1.1', 'HD1.1.2', 'HD1.2.1', 'HD1.2.2', 'HD2.1.1']) sign(q, `item:${id}`);
        for (let d = 1; d <= 12; d += 1)
          logHours(h, { date: `2026-03-${String(d).padStart(2, '0')}`, category: 'On-the-job learning', hours: 8 });
        logHours(h, { date: '2026-03-20', category: 'Related instruction', hours: 13.25 });
        // The roster's prior credit row is in the log; it counts once verified.
        const creditRow = h.find((r) => r[0] === 'credit:on-the-job-learning')!;
        creditRow[6] = COACH;
        setByKey(q, 'cert:L1:cert-1', 'signed', true);
      },
    );
    expect(compared).toEqual(['L1', 'L2']);
    expect(progress.levels[0]!.hours.find((x) => x.category === 'on-the-job-learning')!.done).toBe(100);
    expect(progress.levels[1]!.hours.find((x) => x.category === 'on-the-job-learning')!.done).toBe(26);
  });

  test('unverified prior credit does not count in the sheet or the engine', () => {
    const { progress } = compare(fw, rosterRow({}, [{ category: 'related-instruction', hours: 10 }]), () => {});
    expect(progress.levels[0]!.hours.find((x) => x.category === 'related-instruction')!.done).toBe(0);
  });

  test('the shipped NITAS Help Desk framework at level 2', () => {
    const nitas = getFramework('nitas-help-desk')!;
    const items = nitas.workFunctions.flatMap((w) => w.items);
    const { compared, progress } = compare(nitas, rosterRow({ frameworkId: nitas.id, levelId: 'L2' }), (q, h) => {
      for (const i of items.filter((i) => i.levels.includes('L1')).slice(0, 20)) sign(q, `item:${i.id}`);
      for (const i of items.filter((i) => i.levels.includes('L2')).slice(0, 7)) sign(q, `item:${i.id}`);
      for (let d = 1; d <= 28; d += 1)
        logHours(h, { date: `2026-02-${String(d).padStart(2, '0')}`, category: 'On-the-job learning', hours: 8 });
      logHours(h, { date: '2026-03-01', category: 'Related instruction', hours: 6 });
      logHours(h, { date: '2026-03-02', category: 'Work experience', hours: 8 });
    });
    expect(compared).toEqual(['L1', 'L2']);
    expect(progress.levels[0]!.percent).toBeGreaterThan(0);
  });

  test('a non-cumulative framework with items in several levels (Customer Technical Support)', () => {
    const cts = getFramework('customer-technical-support')!;
    const level = cts.levels[2]!.id;
    const items = cts.workFunctions.flatMap((w) => w.items).filter((i) => i.levels.includes(level));
    const { compared, progress } = compare(cts, rosterRow({ frameworkId: cts.id, levelId: level }), (q) => {
      for (const i of items.filter((_, k) => k % 3 === 0)) sign(q, `item:${i.id}`);
    });
    expect(compared).toEqual([level]);
    expect(progress.levels.find((l) => l.levelId === level)!.items.done).toBeGreaterThan(0);
  });
});
