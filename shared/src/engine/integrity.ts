// Integrity flags on the record itself, per entry. A flagged entry is not counted until it is corrected, and the
// flag says so: nothing is dropped or rewritten silently.
import type { Framework } from '../model/framework';
import type { Finding, Pointer } from '../model/progress';
import type { ApprenticeRecord, HoursEntry } from '../model/record';
import { RULES } from './rules';

export const NOT_COUNTED = 'It is not counted until corrected.';

/** The flags raised on each entry of one kind, by index; an index with none is clean. */
export type EntryFlags = (readonly Finding[])[];

const flagger = (flags: Finding[], pointer: Pointer, prefix = '') => {
  return (code: string, message: string): void => {
    flags.push({ code, severity: 'error', message: `${prefix}${message} ${NOT_COUNTED}`, pointer });
  };
};

export function signOffFlags(framework: Framework, record: ApprenticeRecord, asOf: string): EntryFlags {
  const { apprentice } = record;
  const itemIds = new Set(framework.workFunctions.flatMap((wf) => wf.items.map((i) => i.id)));
  const coaches = new Set(apprentice.coachEmails);
  return record.signOffs.map((s, index) => {
    const flags: Finding[] = [];
    const flag = flagger(flags, { kind: 'sign-off', index, itemId: s.itemId }, `Sign-off for ${s.itemId}`);
    if (!itemIds.has(s.itemId)) flag('signoff.unknown-item', `: no such item in ${framework.id} ${framework.version}.`);
    // History an admin attested (paper qual cards) may be signed by a former coach, or by nobody on record.
    const attested = s.confirmation?.kind === 'attested';
    if (!s.coachEmail && !attested) flag('signoff.no-coach', ' has no coach.');
    if (!s.date) flag('signoff.no-date', ' has no date.');
    if (s.date && s.date < apprentice.startDate)
      flag('signoff.before-start', ` is dated ${s.date}, before the apprentice started on ${apprentice.startDate}.`);
    if (s.date && s.date > asOf) flag('signoff.future', ` is dated ${s.date}, in the future.`);
    // The typed claim is checked here; who confirmed it is the one rule's (provenance.ts confirmationBar), so a row
    // confirmed by the coach it names is flagged once, there.
    const claim = s.coachEmail && s.coachEmail !== s.confirmation?.by ? s.coachEmail : undefined;
    if (claim && claim === apprentice.email) flag('signoff.by-apprentice', ' was signed by the apprentice.');
    else if (claim && !coaches.has(claim) && !attested)
      flag('signoff.not-coach', ` was signed by ${claim}, who is not a coach of ${apprentice.name}.`);
    return flags;
  });
}

/** Hours as millionths, so day totals add up exactly (5.4 + 10.8 + 7.8 is 24, not 24.000000000000004). */
const micro = (hours: number): number => Math.round(hours * 1e6);

/**
 * Rows with the same date, category, hours, work function, level and description (trimmed, any case) are
 * duplicates. Keyed by date, then by the rest: a category, a number and an id hold no "|" (HoursCategory,
 * ID_PATTERN) and the description comes last, so two different rows never share a key. (Small sets per date are
 * faster than one set of 20,000 keys.)
 */
function duplicates(hours: HoursEntry[]): boolean[] {
  const seen = new Map<string, Set<string>>();
  return hours.map((h) => {
    const day = seen.get(h.date) ?? new Set<string>();
    seen.set(h.date, day);
    const key = `${h.category}|${h.hours}|${h.workFunctionId ?? ''}|${h.levelId ?? ''}|${(h.description ?? '').trim().toLowerCase()}`;
    const dup = day.has(key);
    day.add(key);
    return dup;
  });
}

/** What an entry with no flag holds: one shared empty list (most of 20,000 rows), never written to. */
const NONE: readonly Finding[] = Object.freeze([]);

/** The flags of one row from its (code, message) pairs. */
function flagsOf(found: [string, string][], pointer: Pointer, prefix: string): Finding[] {
  const flags: Finding[] = [];
  const flag = flagger(flags, pointer, prefix);
  for (const [code, message] of found) flag(code, message);
  return flags;
}

export function hoursFlags(framework: Framework, record: ApprenticeRecord, asOf: string): EntryFlags {
  const { startDate } = record.apprentice;
  const { maxHoursPerDay } = RULES;
  const levelIds = new Set(framework.levels.map((l) => l.id));
  const duplicate = duplicates(record.hours);
  // A day's total is what the genuine rows add up to: a duplicate row does not push them over the limit.
  const dayTotals = new Map<string, number>();
  record.hours.forEach((h, i) => {
    if (h.hours > 0 && !duplicate[i]) dayTotals.set(h.date, (dayTotals.get(h.date) ?? 0) + micro(h.hours));
  });
  // One scratch list of (code, message), emptied for each row: a row with no flag allocates nothing.
  const found: [string, string][] = [];
  return record.hours.map((h, index) => {
    found.length = 0;
    if (h.hours < 0) found.push(['hours.negative', 'hours are negative.']);
    const dayTotal = (dayTotals.get(h.date) ?? 0) / 1e6;
    if (dayTotal > maxHoursPerDay)
      found.push(['hours.over-24', `hours on ${h.date} add up to ${dayTotal}, over ${maxHoursPerDay} in a day.`]);
    if (h.date > asOf) found.push(['hours.future', 'dated in the future.']);
    if (h.date < startDate) found.push(['hours.before-start', `dated before the apprentice started on ${startDate}.`]);
    if (duplicate[index])
      found.push(['hours.duplicate', 'the same as an earlier entry (date, category, hours and description).']);
    if (h.levelId && !levelIds.has(h.levelId))
      found.push(['hours.unknown-level', `logged against level "${h.levelId}", which ${framework.id} does not have.`]);
    if (!found.length) return NONE;
    const pointer: Pointer = h.id ? { kind: 'hours-entry', index, id: h.id } : { kind: 'hours-entry', index };
    return flagsOf(found, pointer, `Hours entry ${index + 1} (${h.date}, ${h.hours} h): `);
  });
}

export function priorCreditFlags(framework: Framework, record: ApprenticeRecord): EntryFlags {
  const levelIds = new Set(framework.levels.map((l) => l.id));
  return record.priorCredit.map((c, index) => {
    const flags: Finding[] = [];
    const pointer: Pointer = c.id ? { kind: 'prior-credit', index, id: c.id } : { kind: 'prior-credit', index };
    if (c.levelId && !levelIds.has(c.levelId))
      flagger(
        flags,
        pointer,
        `Prior credit "${c.description}": `,
      )('prior-credit.unknown-level', `credited to level "${c.levelId}", which ${framework.id} does not have.`);
    return flags;
  });
}

/** Exams and certifications: a result dated after the as-of date did not exist yet. */
export function resultFlags(
  kind: 'exam' | 'certification',
  results: { id: string; date?: string | undefined }[],
  asOf: string,
): EntryFlags {
  return results.map((r) => {
    const flags: Finding[] = [];
    const pointer: Pointer = kind === 'exam' ? { kind, examId: r.id } : { kind, certificationId: r.id };
    if (r.date && r.date > asOf)
      flagger(
        flags,
        pointer,
        `${kind === 'exam' ? 'Exam' : 'Certification'} ${r.id} `,
      )(`${kind}.future`, `is dated ${r.date}, after ${asOf}.`);
    return flags;
  });
}
