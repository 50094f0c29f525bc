// Completion per level from the entries that count: items signed, hours done (with approved prior credit), exams
// passed and certifications held.
import type { Framework, HoursCategory, Level } from '../model/framework';
import type { HoursProgress, LevelProgress, Tally } from '../model/progress';
import type { CheckedRecord } from './counted';
import { COUNTS_TOWARDS } from './rules';

/** The level's required items: core items of the work functions run (`run`; absent: every work function). */
export function coreItemIds(framework: Framework, levelId: string, run?: ReadonlySet<string>): string[] {
  return framework.workFunctions
    .filter((wf) => !run || run.has(wf.id))
    .flatMap((wf) => wf.items.filter((i) => i.core === 'core' && i.levels.includes(levelId)).map((i) => i.id));
}

/** Items that may count but are not required: optional items, and core items of a work function not run. */
function optionalItemIds(framework: Framework, levelId: string, run?: ReadonlySet<string>): string[] {
  const required = new Set(coreItemIds(framework, levelId, run));
  return framework.workFunctions.flatMap((wf) =>
    wf.items.filter((i) => i.levels.includes(levelId) && !required.has(i.id)).map((i) => i.id),
  );
}

interface Allocation {
  done: number;
  priorCredit: number;
}

/**
 * Spread one category's hours over the levels. Hours tagged with a level count there. Untagged hours
 * (prior credit first, then entries by date) fill a cumulative framework's levels in order, each up to its
 * requirement, with any excess on the last level that has one; in a non-cumulative framework they count
 * towards every level.
 */
function allocateHours(framework: Framework, category: HoursCategory, checked: CheckedRecord): Map<string, Allocation> {
  const result = new Map<string, Allocation>(framework.levels.map((l) => [l.id, { done: 0, priorCredit: 0 }]));
  const towards = new Set<HoursCategory>(COUNTS_TOWARDS[category]);
  const counts = (c: HoursCategory): boolean => towards.has(c);
  const credit = checked.priorCredit.filter((c) => counts(c.category));
  const entries = checked.hours.filter((h) => counts(h.category));
  let untaggedCredit = 0;
  let untaggedHours = 0;
  for (const c of credit) {
    const a = c.levelId ? result.get(c.levelId) : undefined;
    if (a) {
      a.done += c.hours;
      a.priorCredit += c.hours;
    } else untaggedCredit += c.hours;
  }
  for (const h of entries) {
    const a = h.levelId ? result.get(h.levelId) : undefined;
    if (a) a.done += h.hours;
    else untaggedHours += h.hours;
  }
  const required = (l: Level): number => l.requirements.hours.find((r) => r.category === category)?.hours ?? 0;
  if (!framework.program.levelsCumulative) {
    for (const a of result.values()) {
      a.done += untaggedCredit + untaggedHours;
      a.priorCredit += untaggedCredit;
    }
    return result;
  }
  const withRequirement = framework.levels.filter((l) => required(l) > 0);
  for (const level of withRequirement) {
    const a = result.get(level.id)!;
    const fromCredit = Math.min(untaggedCredit, Math.max(0, required(level) - a.done));
    a.done += fromCredit;
    a.priorCredit += fromCredit;
    untaggedCredit -= fromCredit;
    const fromHours = Math.min(untaggedHours, Math.max(0, required(level) - a.done));
    a.done += fromHours;
    untaggedHours -= fromHours;
  }
  const last = withRequirement.at(-1) ?? framework.levels.at(-1)!;
  const a = result.get(last.id)!;
  a.done += untaggedCredit + untaggedHours;
  a.priorCredit += untaggedCredit;
  return result;
}

const fraction = (t: Tally): number => (t.required === 0 ? 1 : Math.min(1, t.done / t.required));
const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/** Each level's progress from the entries that count. */
export function levelProgress(
  framework: Framework,
  checked: CheckedRecord,
  run?: ReadonlySet<string>,
): LevelProgress[] {
  const signed = new Set(checked.signOffs.map((s) => s.itemId));
  const categories = [...new Set(framework.levels.flatMap((l) => l.requirements.hours.map((r) => r.category)))];
  const allocations = new Map(categories.map((c) => [c, allocateHours(framework, c, checked)]));
  const passedExams = new Set(checked.exams.map((e) => e.id));
  const heldCertifications = new Set(checked.certifications.map((c) => c.id));

  let previousComplete = true;
  return framework.levels.map((level) => {
    const core = coreItemIds(framework, level.id, run);
    const optional = optionalItemIds(framework, level.id, run);
    const items = {
      done: core.filter((id) => signed.has(id)).length,
      required: core.length,
      optionalSigned: optional.filter((id) => signed.has(id)).length,
    };
    const levelHours: HoursProgress[] = level.requirements.hours.map((r) => {
      const a = allocations.get(r.category)!.get(level.id)!;
      return { category: r.category, done: round(a.done, 2), required: r.hours, priorCredit: round(a.priorCredit, 2) };
    });
    const exams = {
      done: level.requirements.exams.filter((e) => passedExams.has(e.id)).length,
      required: level.requirements.exams.length,
    };
    const certifications = {
      done: level.requirements.certifications.filter((c) => heldCertifications.has(c.id)).length,
      required: level.requirements.certifications.length,
    };
    const parts: Tally[] = [items, ...levelHours, exams, certifications].filter((t) => t.required > 0);
    const percent =
      parts.length === 0 ? 100 : round((parts.reduce((s, t) => s + fraction(t), 0) / parts.length) * 100, 1);
    const ownComplete = parts.every((t) => t.done >= t.required);
    const complete = ownComplete && (!framework.program.levelsCumulative || previousComplete);
    previousComplete = complete;
    return {
      levelId: level.id,
      title: level.title,
      items,
      hours: levelHours,
      exams,
      certifications,
      percent,
      complete,
    };
  });
}
