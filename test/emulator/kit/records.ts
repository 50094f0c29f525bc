// Apprentice records on the shipped frameworks, at chosen stages. Expected numbers always come from the engine.
import { type ApprenticeRecordInput, type Framework, getFramework } from '@qualcard/shared';
import { apprenticeEmail, COACH } from './people';

export function framework(id: string): Framework {
  const f = getFramework(id);
  if (!f) throw new Error(`framework ${id} is not shipped`);
  return f;
}

/** Item ids of a framework usable at a level, core first (test data selection, not a completion rule). */
export function itemIds(f: Framework, levelId: string): string[] {
  const items = f.workFunctions.flatMap((wf) => wf.items).filter((i) => i.levels.includes(levelId));
  return [...items.filter((i) => i.core === 'core'), ...items.filter((i) => i.core !== 'core')].map((i) => i.id);
}

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

/** `total` hours per category as 8-hour days, one entry per day, starting the day after the start date. */
function hoursEntries(start: string, levelId: string, wf: string | undefined, total: number) {
  const categories = ['related-instruction', 'on-the-job-learning', 'work-experience'] as const;
  let day = 1;
  return categories.flatMap((category) => {
    const out = [];
    for (let left = total, n = 1; left > 0; left -= 8, n++) {
      out.push({
        id: `${category}-${n}`,
        date: addDays(start, day++),
        category,
        levelId,
        ...(wf ? { workFunctionId: wf } : {}),
        hours: Math.min(8, left),
        description: `${category} day ${n}`,
      });
    }
    return out;
  });
}

export interface Stage {
  signed: number;
  hoursPerCategory?: number;
  days?: number;
}

export interface RecordOptions {
  id: string;
  name?: string;
  frameworkId: string;
  levelId: string;
  coach: string;
  startDate: string;
  stage: Stage;
  sponsorId?: string;
}

export function record(opts: RecordOptions): ApprenticeRecordInput {
  const f = framework(opts.frameworkId);
  const ids = itemIds(f, opts.levelId).slice(0, opts.stage.signed);
  const span = opts.stage.days ?? 120;
  const wf = f.workFunctions[0]?.id;
  return {
    schemaVersion: 1,
    ...(opts.sponsorId ? { sponsorId: opts.sponsorId } : {}),
    apprentice: {
      id: opts.id,
      name: opts.name ?? `Apprentice ${opts.id}`,
      email: apprenticeEmail(opts.id),
      startDate: opts.startDate,
      frameworkId: opts.frameworkId,
      levelId: opts.levelId,
      coachEmails: [opts.coach],
    },
    signOffs: ids.map((itemId, i) => ({
      itemId,
      date: addDays(opts.startDate, Math.floor((i * span) / Math.max(1, ids.length))),
      coachEmail: opts.coach,
    })),
    hours: hoursEntries(opts.startDate, opts.levelId, wf, opts.stage.hoursPerCategory ?? 0),
    priorCredit: [],
    exams: [],
    certifications: [],
  };
}

/** Ann, the usual apprentice: NITAS Help Desk Level 1 from 2025-09-01, coached by COACH, at `stage`. */
export const ann = (stage: Stage, more: Partial<RecordOptions> = {}): ApprenticeRecordInput =>
  record({
    id: 'ann',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-09-01',
    stage,
    ...more,
  });
