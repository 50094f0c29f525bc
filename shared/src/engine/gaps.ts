// Gap rules: what stands between the apprentice and completing the levels in scope.
import type { Framework } from '../model/framework';
import type { Finding, LevelProgress } from '../model/progress';
import type { SignOff } from '../model/record';
import { coreItemIds } from './completion';
import type { CheckedRecord } from './counted';
import { type Deadline, idleDays, lateness, type Pace } from './pace';
import { HOURS_CATEGORY_LABEL, RULES } from './rules';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function itemLabel(framework: Framework, itemId: string): string {
  const item = framework.workFunctions.flatMap((wf) => wf.items).find((i) => i.id === itemId);
  const text = item?.texts.competency ?? item?.texts.statement ?? '';
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return short ? `${itemId} "${short}"` : itemId;
}

export function requirementGaps(
  framework: Framework,
  level: LevelProgress,
  signOffs: SignOff[],
  run?: ReadonlySet<string>,
): Finding[] {
  const gaps: Finding[] = [];
  const signed = new Set(signOffs.map((s) => s.itemId));
  for (const itemId of coreItemIds(framework, level.levelId, run)) {
    if (!signed.has(itemId))
      gaps.push({
        code: 'items.missing',
        severity: 'warning',
        levelId: level.levelId,
        pointer: { kind: 'item', itemId },
        message: `${level.title}: item ${itemLabel(framework, itemId)} is not signed off.`,
      });
  }
  for (const h of level.hours) {
    if (h.done < h.required)
      gaps.push({
        code: 'hours.short',
        severity: 'warning',
        levelId: level.levelId,
        pointer: { kind: 'hours-category', category: h.category },
        message: `${level.title}: ${HOURS_CATEGORY_LABEL[h.category]} ${fmt(h.done)} of ${fmt(h.required)} hours (${fmt(h.required - h.done)} short).`,
      });
  }
  return gaps;
}

export function examAndCertificationGaps(framework: Framework, levelId: string, checked: CheckedRecord): Finding[] {
  const level = framework.levels.find((l) => l.id === levelId)!;
  const passed = new Set(checked.exams.map((e) => e.id));
  const held = new Set(checked.certifications.map((c) => c.id));
  return [
    ...level.requirements.exams
      .filter((e) => !passed.has(e.id))
      .map(
        (e): Finding => ({
          code: 'exam.missing',
          severity: 'warning',
          levelId,
          pointer: { kind: 'exam', examId: e.id },
          message: `${level.title}: exam "${e.title}" not passed.`,
        }),
      ),
    ...level.requirements.certifications
      .filter((c) => !held.has(c.id))
      .map(
        (c): Finding => ({
          code: 'certification.missing',
          severity: 'warning',
          levelId,
          pointer: { kind: 'certification', certificationId: c.id },
          message: `${level.title}: certification "${c.title}" not held.`,
        }),
      ),
  ];
}

export function previousLevelGaps(framework: Framework, scope: LevelProgress[], targetLevelId: string): Finding[] {
  if (!framework.program.levelsCumulative) return [];
  const target = scope.find((l) => l.levelId === targetLevelId)!;
  return scope
    .filter((l) => l.levelId !== targetLevelId && !l.complete)
    .map((l) => ({
      code: 'level.previous-incomplete',
      severity: 'error',
      levelId: l.levelId,
      pointer: { kind: 'level', levelId: l.levelId },
      message: `${l.title} is not complete (${l.percent}%); ${target.title} cannot be completed before it.`,
    }));
}

export function paceGaps(
  target: LevelProgress,
  pace: Pace,
  deadline: Deadline | null,
  startDate: string,
  asOf: string,
): Finding[] {
  const gaps: Finding[] = [];
  const late = deadline && !target.complete ? lateness(deadline, pace, asOf) : null;
  if (deadline && late) {
    const max = `the maximum duration (${deadline.months} months, ${deadline.date})`;
    const when =
      late === 'past'
        ? `the maximum duration (${deadline.months} months) ended on ${deadline.date}`
        : late === 'too-slow'
          ? `at the recent pace completion is more than ${Math.round(RULES.maxProjectionDays / 365.25)} years away, after ${max}`
          : `projected completion ${pace.projectedCompletion} is after ${max}`;
    gaps.push({
      code: 'pace.behind',
      severity: 'error',
      levelId: target.levelId,
      pointer: { kind: 'level', levelId: target.levelId },
      message: `Behind pace: ${when}.`,
    });
  }
  const idle = idleDays(pace, startDate, asOf);
  if (!target.complete && asOf >= startDate && idle.days >= RULES.inactivityDays) {
    gaps.push({
      code: 'activity.none',
      severity: 'warning',
      pointer: { kind: 'apprentice' },
      message: `No sign-offs or hours for ${idle.days} days (since ${idle.since}).`,
    });
  }
  return gaps;
}
