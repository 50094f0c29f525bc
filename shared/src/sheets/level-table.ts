// The qual card's numbers: the header's progress, the "as of" note and the level table. All of them are the
// engine's (ProgressView), written as values: a sheet formula over the ticks would count what is not confirmed.
import qualCardTemplate from '../../../templates/qualcard.json';
import { categoryLabel } from './hours';
import type { HoursCategory, Level, LevelProgress } from './model';
import { a1, type Cell, fill, type PlanBuilder } from './plan';
import { withRuleText } from './rule-text';
import { type ProgressView, pendingText } from './view';

const template = withRuleText(qualCardTemplate);

/** A progress bar as text: `width` blocks, the filled share rounded like Sheets' ROUND. */
export const bar = (percent: number, width = 20): string => {
  const filled = Math.max(0, Math.min(width, Math.round((percent * width) / 100)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
};

/** The level table's headers: a counted/required pair per hours category between the items and exams pairs. */
export function levelTableHeaders(categories: HoursCategory[]): string[] {
  return [
    template.levelTable[0]!,
    template.levelTable[1]!,
    template.levelTable[2]!,
    ...categories.flatMap((c) => [`${categoryLabel(c)} counted`, `${categoryLabel(c)} required`]),
    ...template.levelTable.slice(3),
  ];
}

/** The note under the progress: where the numbers come from, their date and what waits for a confirmation. */
export const asOfNote = (view?: ProgressView): string =>
  view
    ? fill(template.asOf[view.source], { asOf: view.progress.asOf, pending: pendingText(view.progress) })
    : template.asOf.none;

const requiredHours = (l: Level, c: HoursCategory): number =>
  l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;

/**
 * One level's row: items, each hours category, exams and certifications as counted/required pairs, then the
 * percent and its bar. Blank counts until the engine has run. Returns the percent's cell.
 */
export function fillLevelRow(
  b: PlanBuilder,
  row: number,
  level: Level,
  categories: HoursCategory[],
  engine: LevelProgress | undefined,
  coreItems: number,
): string {
  const items = engine?.items;
  const cells: Cell[] = [items?.done ?? '', items?.required ?? coreItems];
  for (const c of categories) {
    const need = requiredHours(level, c);
    const done = engine?.hours.find((h) => h.category === c);
    cells.push(need > 0 ? (done?.done ?? '') : '', need);
  }
  cells.push(
    engine?.exams.done ?? '',
    level.requirements.exams.length,
    engine?.certifications.done ?? '',
    level.requirements.certifications.length,
  );
  for (const [i, v] of cells.entries()) b.set(row, 3 + i, v);
  const percentCol = 3 + cells.length;
  b.set(row, percentCol, engine ? engine.percent : '', 'percent');
  b.set(row, percentCol + 1, engine ? bar(engine.percent) : '', 'bar');
  return a1(row, percentCol);
}
