// What a sync makes of the stored record: the sheet's typed entries in the sheet's order, except that an entry the
// functions confirmed (or an admin attested) stays exactly as confirmed: a sheet can neither remove nor rewrite it.
// A sign-off a migration archived is kept the same way (the regenerated sheet shows it, the record keeps it).
import { canonicalJson } from '../canonical';
import type { ApprenticeRecord, Archived, Confirmation, EndedConfirmation, SheetRecord } from '../model/record';
import { type CountedValues, countedDifferences, countedValues, describeDifferences } from './changed';
import { isArchived } from './provenance';
import type { EntryKind } from './rules';

type OnSheet<T> = { kind: 'changed'; entry: T } | { kind: 'deleted' };
type Provenanced<T = object> = {
  confirmation?: Confirmation;
  archived?: Archived;
  history?: EndedConfirmation[];
  onSheet?: OnSheet<T>;
};

/**
 * A confirmed entry is kept as confirmed; what the sheet now holds for it is stored beside it (`onSheet`): the row
 * as typed when it differs in a value that counts (changed.ts), `deleted` when the row is gone, nothing when the
 * sheet agrees. An archived sign-off's row is history the sheet regenerates, not reported. A pending entry's
 * withdrawn confirmations stay with the typed row of the same key (the sheet never holds them).
 */
function keepConfirmed<T extends object>(
  kind: EntryKind,
  typed: T[],
  stored: (T & Provenanced<T>)[],
  key: (e: T) => string,
): (T & Provenanced<T>)[] {
  const confirmed = new Map<string, T & Provenanced<T>>();
  const history = new Map<string, EndedConfirmation[]>();
  for (const e of stored) {
    if ((e.confirmation || isArchived(e)) && !confirmed.has(key(e))) confirmed.set(key(e), e);
    else if (e.history && !history.has(key(e))) history.set(key(e), e.history);
  }
  const merged = typed.map((e): T & Provenanced<T> => {
    const c = confirmed.get(key(e));
    if (!c) {
      const h = history.get(key(e));
      return h ? { ...e, history: h } : e;
    }
    confirmed.delete(key(e));
    if (isArchived(c)) return c;
    const { onSheet: _, ...kept } = c;
    const agrees = !countedDifferences(kind, kept as never, e as never).length;
    return { ...(kept as T & Provenanced<T>), ...(agrees ? {} : { onSheet: { kind: 'changed', entry: e } }) };
  });
  const gone = [...confirmed.values()].map((c): T & Provenanced<T> =>
    isArchived(c) ? c : { ...c, onSheet: { kind: 'deleted' } },
  );
  return [...merged, ...gone];
}

const rowKey = (e: { id?: string | undefined }): string =>
  e.id ?? `content:${canonicalJson({ ...e, confirmation: undefined, history: undefined, onSheet: undefined })}`;

export function mergeSheetRecord(sheet: SheetRecord, stored?: ApprenticeRecord): ApprenticeRecord {
  if (!stored) return sheet;
  return {
    ...sheet,
    // Recorded raises are the functions' alone, like confirmations: a sheet never holds them.
    ...(stored.raises ? { raises: stored.raises } : {}),
    signOffs: keepConfirmed('sign-off', sheet.signOffs, stored.signOffs, (s) => s.itemId),
    hours: keepConfirmed('hours-entry', sheet.hours, stored.hours, rowKey),
    priorCredit: keepConfirmed('prior-credit', sheet.priorCredit, stored.priorCredit, rowKey),
    exams: keepConfirmed('exam', sheet.exams, stored.exams, (e) => e.id),
    certifications: keepConfirmed('certification', sheet.certifications, stored.certifications, (c) => c.id),
  };
}

/**
 * What the sheet holds for a confirmed row that no longer matches it: the typed values that count and how they
 * differ ("hours 8 → 20"), or `deleted`.
 */
export type RowOnSheet = { kind: 'changed'; typed: CountedValues; differences: string } | { kind: 'deleted' };

/** A confirmed row: its confirmation, the values it was confirmed with, and what the sheet holds now if it differs. */
export interface RowConfirmation {
  confirmation: Confirmation;
  confirmed: CountedValues;
  onSheet?: RowOnSheet;
}

/** Per sheet row, how it was confirmed: what the add-on shows beside each tick and hours row. */
export interface RowConfirmations {
  signOffs: Record<string, { date?: string; coachEmail?: string; confirmation: Confirmation; onSheet?: RowOnSheet }>;
  hours: Record<string, RowConfirmation>;
  priorCredit: Record<string, RowConfirmation>;
  exams: Record<string, RowConfirmation>;
  certifications: Record<string, RowConfirmation>;
  /**
   * Per row that has any, its ended confirmations, oldest first (the Confirmation cell of a withdrawn entry says
   * who withdrew it and why). Absent from answers of servers that predate withdrawals.
   */
  history?: Record<EntryList, Record<string, EndedConfirmation[]>>;
}

type Confirmable = Provenanced;

function rowOnSheet(kind: EntryKind, e: Confirmable): RowOnSheet | undefined {
  const sheet = e.onSheet;
  if (!sheet) return undefined;
  if (sheet.kind === 'deleted') return { kind: 'deleted' };
  const typed = sheet.entry as never;
  return {
    kind: 'changed',
    typed: countedValues(kind, typed),
    differences: describeDifferences(countedDifferences(kind, e as never, typed)),
  };
}
export type EntryList = 'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications';

export function rowConfirmations(record: ApprenticeRecord): RowConfirmations {
  const byId = (kind: EntryKind, entries: (Confirmable & { id?: string | undefined })[]) =>
    Object.fromEntries(
      entries.flatMap((e): [string, RowConfirmation][] => {
        if (!e.id || !e.confirmation) return [];
        const onSheet = rowOnSheet(kind, e);
        const row = { confirmation: e.confirmation, confirmed: countedValues(kind, e as never) };
        return [[e.id, onSheet ? { ...row, onSheet } : row]];
      }),
    );
  return {
    signOffs: Object.fromEntries(
      record.signOffs.flatMap((s) => {
        if (!s.confirmation) return [];
        const onSheet = rowOnSheet('sign-off', s);
        return [
          [
            s.itemId,
            {
              confirmation: s.confirmation,
              ...(s.date ? { date: s.date } : {}),
              ...(s.coachEmail ? { coachEmail: s.coachEmail } : {}),
              ...(onSheet ? { onSheet } : {}),
            },
          ],
        ];
      }),
    ),
    hours: byId('hours-entry', record.hours),
    priorCredit: byId('prior-credit', record.priorCredit),
    exams: byId('exam', record.exams),
    certifications: byId('certification', record.certifications),
    history: {
      signOffs: historyBy(record.signOffs, (s) => s.itemId),
      hours: historyBy(record.hours, (h) => h.id),
      priorCredit: historyBy(record.priorCredit, (c) => c.id),
      exams: historyBy(record.exams, (e) => e.id),
      certifications: historyBy(record.certifications, (c) => c.id),
    },
  };
}

function historyBy<T extends Provenanced>(entries: T[], key: (e: T) => string | undefined) {
  const out: Record<string, EndedConfirmation[]> = {};
  for (const e of entries) {
    const k = key(e);
    if (k && e.history?.length) out[k] = [...(out[k] ?? []), ...e.history];
  }
  return out;
}
