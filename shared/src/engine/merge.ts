// What a sync makes of the stored record: the sheet's typed entries in the sheet's order, except that an entry the
// functions confirmed (or an admin attested) stays exactly as confirmed: a sheet can neither remove nor rewrite it.
// A sign-off a migration archived is kept the same way (the regenerated sheet shows it, the record keeps it).
import { canonicalJson } from '../canonical';
import type { ApprenticeRecord, Archived, Confirmation, EndedConfirmation, SheetRecord } from '../model/record';
import { isArchived } from './provenance';

type Provenanced = { confirmation?: Confirmation; archived?: Archived; history?: EndedConfirmation[] };

function keepConfirmed<T extends object>(typed: T[], stored: (T & Provenanced)[], key: (e: T) => string) {
  const confirmed = new Map<string, T & Provenanced>();
  // A pending entry's withdrawn confirmations stay with the typed row of the same key (the sheet never holds them).
  const history = new Map<string, EndedConfirmation[]>();
  for (const e of stored) {
    if ((e.confirmation || isArchived(e)) && !confirmed.has(key(e))) confirmed.set(key(e), e);
    else if (e.history && !history.has(key(e))) history.set(key(e), e.history);
  }
  const merged = typed.map((e): T & Provenanced => {
    const c = confirmed.get(key(e));
    if (!c) {
      const h = history.get(key(e));
      return h ? { ...e, history: h } : e;
    }
    confirmed.delete(key(e));
    return c;
  });
  return [...merged, ...confirmed.values()];
}

const rowKey = (e: { id?: string | undefined }): string =>
  e.id ?? `content:${canonicalJson({ ...e, confirmation: undefined, history: undefined })}`;

export function mergeSheetRecord(sheet: SheetRecord, stored?: ApprenticeRecord): ApprenticeRecord {
  if (!stored) return sheet;
  return {
    ...sheet,
    // Recorded raises are the functions' alone, like confirmations: a sheet never holds them.
    ...(stored.raises ? { raises: stored.raises } : {}),
    signOffs: keepConfirmed(sheet.signOffs, stored.signOffs, (s) => s.itemId),
    hours: keepConfirmed(sheet.hours, stored.hours, rowKey),
    priorCredit: keepConfirmed(sheet.priorCredit, stored.priorCredit, rowKey),
    exams: keepConfirmed(sheet.exams, stored.exams, (e) => e.id),
    certifications: keepConfirmed(sheet.certifications, stored.certifications, (c) => c.id),
  };
}

/** Per sheet row, how it was confirmed: what the add-on shows beside each tick and hours row. */
export interface RowConfirmations {
  signOffs: Record<string, { date?: string; coachEmail?: string; confirmation: Confirmation }>;
  hours: Record<string, Confirmation>;
  priorCredit: Record<string, Confirmation>;
  exams: Record<string, Confirmation>;
  certifications: Record<string, Confirmation>;
  /**
   * Per row that has any, its ended confirmations, oldest first (the Confirmation cell of a withdrawn entry says
   * who withdrew it and why). Absent from answers of servers that predate withdrawals.
   */
  history?: Record<EntryList, Record<string, EndedConfirmation[]>>;
}
export type EntryList = 'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications';

export function rowConfirmations(record: ApprenticeRecord): RowConfirmations {
  const byId = (entries: (Provenanced & { id?: string | undefined })[]) =>
    Object.fromEntries(entries.flatMap((e) => (e.id && e.confirmation ? [[e.id, e.confirmation]] : [])));
  return {
    signOffs: Object.fromEntries(
      record.signOffs.flatMap((s) =>
        s.confirmation
          ? [
              [
                s.itemId,
                {
                  confirmation: s.confirmation,
                  ...(s.date ? { date: s.date } : {}),
                  ...(s.coachEmail ? { coachEmail: s.coachEmail } : {}),
                },
              ],
            ]
          : [],
      ),
    ),
    hours: byId(record.hours),
    priorCredit: byId(record.priorCredit),
    exams: byId(record.exams),
    certifications: byId(record.certifications),
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
