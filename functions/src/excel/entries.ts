// Every entry of a record as the engine stands it, row by row, for the transcript: counted (confirmed or attested),
// flagged (confirmed or attested, not counted because of an integrity flag), pending (typed in a sheet, not
// confirmed, not counted). The engine's own `countedEntries` and `standing` decide; nothing is re-judged here, and
// the tallies must equal the progress the transcript prints.
import {
  type ApprenticeRecord,
  type CertificationHeld,
  type Confirmation,
  countedEntries,
  ENTRY_KINDS,
  type EntryCounts,
  type EntryKind,
  type ExamResult,
  type Finding,
  type Framework,
  type HoursEntry,
  isArchived,
  type Pointer,
  type PriorCredit,
  type Progress,
  type SignOff,
  standing,
} from '@qualcard/shared';

/**
 * `not-passed`: a failed exam result, which the engine never counts (only passed exams are claims to confirm).
 * `archived`: a sign-off whose item left the framework (isArchived), kept as history and never counted.
 */
export type RowStatus = 'confirmed' | 'attested' | 'flagged' | 'pending' | 'not-passed' | 'archived';

export interface Row<T> {
  entry: T;
  /** The entry's index in its list of the record (the sheet row the engine's pointers name). */
  index: number;
  status: RowStatus;
  /** Integrity flags on this entry. */
  flags: Finding[];
}

export interface EntryRows {
  'sign-off': Row<SignOff>[];
  'hours-entry': Row<HoursEntry>[];
  'prior-credit': Row<PriorCredit>[];
  exam: Row<ExamResult>[];
  certification: Row<CertificationHeld>[];
}

type Entry = { confirmation?: Confirmation };

/** One key per row an engine pointer can name: lists by index, exams and certifications by id. */
function pointerKey(p: Pointer): string | undefined {
  if (p.kind === 'sign-off' || p.kind === 'hours-entry' || p.kind === 'prior-credit') return `${p.kind}#${p.index}`;
  if (p.kind === 'exam') return `exam:${p.examId}`;
  if (p.kind === 'certification') return `certification:${p.certificationId}`;
  return undefined;
}
const rowKey = (kind: EntryKind, entry: object, index: number): string =>
  kind === 'exam' || kind === 'certification' ? `${kind}:${(entry as { id: string }).id}` : `${kind}#${index}`;

function byRow(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = pointerKey(f.pointer);
    if (key) m.set(key, [...(m.get(key) ?? []), f]);
  }
  return m;
}

/** Sorts every entry of the record; throws when the tallies disagree with `progress` (not the same record/as-of). */
export function entryRows(framework: Framework, record: ApprenticeRecord, progress: Progress): EntryRows {
  const checked = countedEntries(framework, record, progress.asOf, progress.timeZone);
  const counted = new Set<object>([
    ...checked.signOffs,
    ...checked.hours,
    ...checked.priorCredit,
    ...checked.exams,
    ...checked.certifications,
  ]);
  const flags = byRow(checked.flags);
  const sort = <T extends Entry>(kind: EntryKind, entries: T[]): Row<T>[] =>
    entries.map((entry, index) => {
      const failed = kind === 'exam' && !(entry as unknown as ExamResult).passed;
      const s = failed
        ? 'not-passed'
        : isArchived(entry)
          ? 'archived'
          : standing(kind, entry, progress.asOf, progress.timeZone);
      const status: RowStatus =
        s === 'pending' || s === 'not-passed' || s === 'archived' ? s : counted.has(entry) ? s : 'flagged';
      return { entry, index, status, flags: failed ? [] : (flags.get(rowKey(kind, entry, index)) ?? []) };
    });
  const rows: EntryRows = {
    'sign-off': sort('sign-off', record.signOffs),
    'hours-entry': sort('hours-entry', record.hours),
    'prior-credit': sort('prior-credit', record.priorCredit),
    exam: sort('exam', record.exams),
    certification: sort('certification', record.certifications),
  };
  assertTallies(rows, progress);
  return rows;
}

const COUNT_KEYS = ['confirmed', 'attested', 'pending', 'flagged'] as const;

export function tally(rows: Row<unknown>[]): EntryCounts {
  const t: EntryCounts = { confirmed: 0, attested: 0, pending: 0, flagged: 0 };
  for (const r of rows) if (r.status !== 'not-passed' && r.status !== 'archived') t[r.status]++;
  return t;
}

function assertTallies(rows: EntryRows, progress: Progress): void {
  for (const kind of ENTRY_KINDS) {
    const mine = tally(rows[kind]);
    const engine = progress.entries[kind];
    if (COUNT_KEYS.some((k) => mine[k] !== engine[k]))
      throw new Error(
        `transcript: ${kind} entries ${JSON.stringify(mine)} do not match the progress ${JSON.stringify(engine)}; the progress is not of this record as of ${progress.asOf}`,
      );
  }
}

/** Totals over every kind: what counted (by provenance), what is pending, what is flagged. */
export function totals(entries: Record<EntryKind, EntryCounts>): EntryCounts {
  const t: EntryCounts = { confirmed: 0, attested: 0, pending: 0, flagged: 0 };
  for (const kind of ENTRY_KINDS) for (const k of COUNT_KEYS) t[k] += entries[kind][k];
  return t;
}

export const KIND_LABEL: Record<EntryKind, string> = {
  'sign-off': 'Sign-offs',
  'hours-entry': 'Hours entries',
  'prior-credit': 'Prior credit',
  exam: 'Exams passed',
  certification: 'Certifications',
};
