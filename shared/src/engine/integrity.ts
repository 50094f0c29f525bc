// Integrity flags on the record itself. A flagged sign-off or hours entry is not counted until it is
// corrected, and the flag says so: nothing is dropped or rewritten silently.
import type { Framework } from '../model/framework';
import type { Finding } from '../model/progress';
import type { ApprenticeRecord, HoursEntry, SignOff } from '../model/record';
import { RULES } from './rules';

export interface CheckedRecord {
  flags: Finding[];
  signOffs: SignOff[];
  hours: HoursEntry[];
}

const NOT_COUNTED = 'It is not counted until corrected.';

export function checkIntegrity(framework: Framework, record: ApprenticeRecord, asOf: string): CheckedRecord {
  const flags: Finding[] = [];
  const { apprentice } = record;
  const itemIds = new Set(framework.workFunctions.flatMap((wf) => wf.items.map((i) => i.id)));
  const coaches = new Set(apprentice.coachEmails);

  const signOffs = record.signOffs.filter((s, index) => {
    const pointer = { kind: 'sign-off', index, itemId: s.itemId } as const;
    const flag = (code: string, message: string): void => {
      flags.push({ code, severity: 'error', message: `${message} ${NOT_COUNTED}`, pointer });
    };
    const before = flags.length;
    if (!itemIds.has(s.itemId))
      flag('signoff.unknown-item', `Sign-off for ${s.itemId}: no such item in ${framework.id} ${framework.version}.`);
    if (!s.coachEmail) flag('signoff.no-coach', `Sign-off for ${s.itemId} has no coach.`);
    if (!s.date) flag('signoff.no-date', `Sign-off for ${s.itemId} has no date.`);
    if (s.date && s.date < apprentice.startDate)
      flag(
        'signoff.before-start',
        `Sign-off for ${s.itemId} is dated ${s.date}, before the apprentice started on ${apprentice.startDate}.`,
      );
    if (s.date && s.date > asOf) flag('signoff.future', `Sign-off for ${s.itemId} is dated ${s.date}, in the future.`);
    if (s.coachEmail && s.coachEmail === apprentice.email)
      flag('signoff.by-apprentice', `Sign-off for ${s.itemId} was signed by the apprentice.`);
    else if (s.coachEmail && !coaches.has(s.coachEmail))
      flag(
        'signoff.not-coach',
        `Sign-off for ${s.itemId} was signed by ${s.coachEmail}, who is not a coach of ${apprentice.name}.`,
      );
    return flags.length === before;
  });

  const dayTotals = new Map<string, number>();
  for (const h of record.hours) if (h.hours > 0) dayTotals.set(h.date, (dayTotals.get(h.date) ?? 0) + h.hours);
  const seen = new Set<string>();

  const hours = record.hours.filter((h, index) => {
    const pointer = h.id
      ? ({ kind: 'hours-entry', index, id: h.id } as const)
      : ({ kind: 'hours-entry', index } as const);
    const flag = (code: string, message: string): void => {
      flags.push({
        code,
        severity: 'error',
        message: `Hours entry ${index + 1} (${h.date}, ${h.hours} h): ${message} ${NOT_COUNTED}`,
        pointer,
      });
    };
    const before = flags.length;
    const key = JSON.stringify([
      h.date,
      h.category,
      h.hours,
      h.workFunctionId ?? '',
      h.levelId ?? '',
      (h.description ?? '').trim().toLowerCase(),
    ]);
    if (h.hours < 0) flag('hours.negative', 'hours are negative.');
    const dayTotal = dayTotals.get(h.date) ?? 0;
    if (dayTotal > RULES.maxHoursPerDay)
      flag('hours.over-24', `hours on ${h.date} add up to ${dayTotal}, over ${RULES.maxHoursPerDay} in a day.`);
    if (h.date > asOf) flag('hours.future', 'dated in the future.');
    if (h.date < apprentice.startDate)
      flag('hours.before-start', `dated before the apprentice started on ${apprentice.startDate}.`);
    if (seen.has(key)) flag('hours.duplicate', 'the same as an earlier entry (date, category, hours and description).');
    seen.add(key);
    return flags.length === before;
  });

  return { flags, signOffs, hours };
}
