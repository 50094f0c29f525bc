// Applies the one rule (provenance.ts) and the integrity flags to every entry of a record: what counts, what is
// pending (a finding pointing at the row), what is flagged, and a tally per kind of entry.
import type { Framework } from '../model/framework';
import type { EntryCounts, Finding, Pointer } from '../model/progress';
import type {
  ApprenticeRecord,
  CertificationHeld,
  ExamResult,
  HoursEntry,
  PriorCredit,
  SignOff,
} from '../model/record';
import { DEFAULT_TIME_ZONE } from '../model/time-zone';
import { changedFinding } from './changed';
import { type EntryFlags, hoursFlags, NOT_COUNTED, priorCreditFlags, resultFlags, signOffFlags } from './integrity';
import { confirmationBar, confirmedOn, ENTRY_KINDS, isArchived, PENDING_CODE, standing } from './provenance';
import { type EntryKind, HOURS_CATEGORY_LABEL } from './rules';

export interface CheckedRecord {
  /** Integrity flags, every entry's. */
  flags: Finding[];
  /** One finding per entry that waits for a confirmation. */
  pending: Finding[];
  /** One finding per confirmed entry the sheet no longer matches (changed or deleted); it still counts. */
  changed: Finding[];
  entries: Record<EntryKind, EntryCounts>;
  /** The entries that count. */
  signOffs: SignOff[];
  hours: HoursEntry[];
  priorCredit: PriorCredit[];
  exams: ExamResult[];
  certifications: CertificationHeld[];
}

type Entry = SignOff | HoursEntry | PriorCredit | ExamResult | CertificationHeld;

const pendingWording: Record<EntryKind, (e: never, i: number) => [Pointer, string]> = {
  'sign-off': (s: SignOff, index) => [
    { kind: 'sign-off', index, itemId: s.itemId },
    `Sign-off for ${s.itemId}${s.coachEmail ? ` (typed as by ${s.coachEmail})` : ''} is not confirmed by a coach`,
  ],
  'hours-entry': (h: HoursEntry, index) => [
    h.id ? { kind: 'hours-entry', index, id: h.id } : { kind: 'hours-entry', index },
    `Hours entry ${index + 1} (${h.date}, ${h.hours} h ${HOURS_CATEGORY_LABEL[h.category]}) is not verified by a coach`,
  ],
  'prior-credit': (c: PriorCredit, index) => [
    c.id ? { kind: 'prior-credit', index, id: c.id } : { kind: 'prior-credit', index },
    `Prior credit "${c.description}" (${c.hours} h ${HOURS_CATEGORY_LABEL[c.category]}) is not approved by a sponsor admin`,
  ],
  exam: (e: ExamResult) => [{ kind: 'exam', examId: e.id }, `Exam ${e.id} is not recorded by a sponsor admin`],
  certification: (c: CertificationHeld) => [
    { kind: 'certification', certificationId: c.id },
    `Certification ${c.id} is not recorded by a sponsor admin`,
  ],
};

/** How a finding names a confirmed entry (with the values it was confirmed with): changes and the one rule's flags. */
const ENTRY_NAME: Record<EntryKind, (e: never, i: number) => string> = {
  'sign-off': (s: SignOff) => `Sign-off for ${s.itemId}`,
  'hours-entry': (h: HoursEntry, index) =>
    `Hours entry ${index + 1}${h.id ? ` (row ${h.id})` : ''}, confirmed as ${h.date}, ${h.hours} h ${HOURS_CATEGORY_LABEL[h.category]},`,
  'prior-credit': (c: PriorCredit) =>
    `Prior credit "${c.description}", confirmed as ${c.hours} h ${HOURS_CATEGORY_LABEL[c.category]},`,
  exam: (e: ExamResult) => `Exam ${e.id}`,
  certification: (c: CertificationHeld) => `Certification ${c.id}`,
};

function sortOut<T extends Entry>(
  apprentice: ApprenticeRecord['apprentice'],
  kind: EntryKind,
  entries: T[],
  flags: EntryFlags,
  asOf: string,
  timeZone: string,
  into: CheckedRecord,
): T[] {
  const tally: EntryCounts = { confirmed: 0, attested: 0, pending: 0, flagged: 0 };
  into.entries[kind] = tally;
  return entries.filter((entry, i) => {
    if (isArchived(entry)) return false;
    if (entry.onSheet) {
      const [pointer] = pendingWording[kind](entry as never, i);
      const found = changedFinding(kind, entry as never, pointer, ENTRY_NAME[kind](entry as never, i));
      if (found) into.changed.push(found);
    }
    if (flags[i]!.length) into.flags.push(...flags[i]!);
    const s = standing(kind, entry, asOf, timeZone);
    if (s === 'pending') {
      tally.pending++;
      const [pointer, what] = pendingWording[kind](entry as never, i);
      const when = entry.confirmation
        ? `: confirmed on ${confirmedOn(entry.confirmation, timeZone)}, after ${asOf}`
        : '';
      into.pending.push({
        code: PENDING_CODE(kind),
        severity: 'info',
        pointer,
        message: `${what}${when}. Not counted.`,
      });
      return false;
    }
    const bar = confirmationBar(apprentice, entry.confirmation);
    if (bar)
      into.flags.push({
        code: bar.code,
        severity: 'error',
        pointer: pendingWording[kind](entry as never, i)[0],
        message: `${ENTRY_NAME[kind](entry as never, i)} ${bar.message} ${NOT_COUNTED}`,
      });
    if (bar || flags[i]!.length) {
      tally.flagged++;
      return false;
    }
    tally[s]++;
    return true;
  });
}

/** What counts as of `asOf` in the sponsor's `timeZone` (the as-of rule: provenance.ts). */
export function countedEntries(
  framework: Framework,
  record: ApprenticeRecord,
  asOf: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): CheckedRecord {
  const none: EntryCounts = { confirmed: 0, attested: 0, pending: 0, flagged: 0 };
  const checked: CheckedRecord = {
    flags: [],
    pending: [],
    changed: [],
    entries: Object.fromEntries(ENTRY_KINDS.map((k) => [k, { ...none }])) as Record<EntryKind, EntryCounts>,
    signOffs: [],
    hours: [],
    priorCredit: [],
    exams: [],
    certifications: [],
  };
  // A failed exam is a result, not a claim to confirm: only passed ones can count.
  const passed = record.exams.filter((e) => e.passed);
  // Every kind of entry sorted out by the same rules, for this apprentice, day and zone.
  const sort = <T extends Entry>(kind: EntryKind, entries: T[], flags: EntryFlags): T[] =>
    sortOut(record.apprentice, kind, entries, flags, asOf, timeZone, checked);
  checked.signOffs = sort('sign-off', record.signOffs, signOffFlags(framework, record, asOf));
  checked.hours = sort('hours-entry', record.hours, hoursFlags(framework, record, asOf));
  checked.priorCredit = sort('prior-credit', record.priorCredit, priorCreditFlags(framework, record));
  checked.exams = sort('exam', passed, resultFlags('exam', passed, asOf));
  checked.certifications = sort(
    'certification',
    record.certifications,
    resultFlags('certification', record.certifications, asOf),
  );
  return checked;
}
