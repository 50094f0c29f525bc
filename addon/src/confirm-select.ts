// Which of an apprentice's typed rows are sent to be confirmed (pure: no Apps Script). A row is sent when the
// service has not confirmed it yet, it is the caller's to confirm ("Signed by" / "Verified by" blank or the caller:
// blank rows are confirmed as the caller), and the engine raises no flag on it: a confirmed entry can no longer be
// changed from the sheet, so a mistyped date is fixed first, not confirmed. A confirmed row whose values changed on
// the sheet since ("changed since confirmed") is sent again: confirming it makes the typed values count.
//   Confirm my ticks (a coach): ticked items and hours rows.
//   Record results (a sponsor admin): prior credit, and ticked exams and certifications with their proof (Evidence).
import {
  countedEntries,
  type Framework,
  isTheirsToConfirm,
  type RowConfirmations,
  type SheetRecord,
} from '@qualcard/shared';
import { type Cell, readQualCard } from '@qualcard/shared/sheets';
import type { ConfirmBody, Proof } from './api/requests';

export interface Skipped {
  otherSigner: string[];
  noDate: string[];
  noEvidence: string[];
  flagged: string[];
}
export interface TickSelection {
  /** The confirmations request, or null when nothing is left to confirm. */
  body: ConfirmBody | null;
  /** Rows left out, by reason, each as "<row>: <why>". */
  skipped: Skipped;
}

/** Flags the caller is not asked to fix first: confirming fills in a blank coach, and no date is its own reason. */
const FILLED_BY_CONFIRMING = new Set(['signoff.no-coach', 'signoff.no-date']);

/** The first integrity flag of each entry, by the row it points at ("item:<id>", "hours:<row>", "exam:<id>"...). */
function flagsByRow(framework: Framework, record: SheetRecord, today: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (const f of countedEntries(framework, record, today).flags) {
    if (FILLED_BY_CONFIRMING.has(f.code)) continue;
    const p = f.pointer;
    const key =
      p.kind === 'sign-off'
        ? `item:${p.itemId}`
        : (p.kind === 'hours-entry' || p.kind === 'prior-credit') && p.id
          ? `hours:${p.id}`
          : p.kind === 'exam'
            ? `exam:${p.examId}`
            : p.kind === 'certification'
              ? `cert:${p.certificationId}`
              : '';
    if (key && !flags.has(key)) flags.set(key, f.message);
  }
  return flags;
}

/** Whether a row is confirmed as the sheet now has it (a changed row is offered again). */
const settled = (row: { onSheet?: { kind: string } } | undefined): boolean => !!row && row.onSheet?.kind !== 'changed';

const none = (): Skipped => ({ otherSigner: [], noDate: [], noEvidence: [], flagged: [] });
const bodyOf = (lists: ConfirmBody): ConfirmBody | null => {
  const body = Object.fromEntries(Object.entries(lists).filter(([, l]) => (l as unknown[]).length)) as ConfirmBody;
  return Object.keys(body).length ? body : null;
};

/** Confirm my ticks: the coach's ticked items and hours rows. */
export function selectMyTicks(
  framework: Framework,
  record: SheetRecord,
  confirmations: RowConfirmations | null,
  me: string,
  today: string,
): TickSelection {
  const flags = flagsByRow(framework, record, today);
  const skipped = none();
  const signOffs: string[] = [];
  for (const s of record.signOffs) {
    if (settled(confirmations?.signOffs[s.itemId])) continue;
    if (!isTheirsToConfirm(s.coachEmail, me)) skipped.otherSigner.push(`${s.itemId}: signed by ${s.coachEmail}`);
    else if (!s.date) skipped.noDate.push(`${s.itemId}: no date`);
    else if (flags.has(`item:${s.itemId}`)) skipped.flagged.push(`${s.itemId}: ${flags.get(`item:${s.itemId}`)}`);
    else signOffs.push(s.itemId);
  }
  const hours: string[] = [];
  for (const h of record.hours) {
    const row = `hours ${h.date} ${h.hours} h`;
    if (h.id && settled(confirmations?.hours[h.id])) continue;
    if (!isTheirsToConfirm(h.verifiedBy, me)) skipped.otherSigner.push(`${row}: verified by ${h.verifiedBy}`);
    else if (!h.id) skipped.flagged.push(`${row}: the row lost its key (use Generate to give it one)`);
    else if (flags.has(`hours:${h.id}`)) skipped.flagged.push(`${row}: ${flags.get(`hours:${h.id}`)}`);
    else hours.push(h.id);
  }
  return { body: bodyOf({ signOffs, hours }), skipped };
}

/** Record results: the admin's prior credit, and ticked exams and certifications with their proof. */
export function selectResults(
  framework: Framework,
  record: SheetRecord,
  qualCard: Cell[][],
  confirmations: RowConfirmations | null,
  me: string,
  today: string,
): TickSelection {
  const flags = flagsByRow(framework, record, today);
  const skipped = none();
  const priorCredit: string[] = [];
  for (const c of record.priorCredit) {
    const row = `prior credit "${c.description}"`;
    if (c.id && settled(confirmations?.priorCredit[c.id])) continue;
    if (c.approvedBy && c.approvedBy !== me) skipped.otherSigner.push(`${row}: approved by ${c.approvedBy}`);
    else if (!c.id) skipped.flagged.push(`${row}: the row lost its key (use Generate to give it one)`);
    else if (flags.has(`hours:${c.id}`)) skipped.flagged.push(`${row}: ${flags.get(`hours:${c.id}`)}`);
    else priorCredit.push(c.id);
  }
  // A result's proof is the Evidence typed on its row (on any level's row when two levels require it).
  const evidence = new Map<string, string>();
  for (const k of readQualCard(qualCard).rows.values()) {
    const [kind, , ...id] = k.key.split(':');
    if ((kind === 'exam' || kind === 'cert') && k.evidence && !evidence.has(`${kind}:${id.join(':')}`))
      evidence.set(`${kind}:${id.join(':')}`, k.evidence);
  }
  const proofs = (
    kind: 'exam' | 'cert',
    results: { id: string; date?: string | undefined }[],
    done: Record<string, { onSheet?: { kind: string } }>,
  ) =>
    results.flatMap((r): Proof[] => {
      const proof = evidence.get(`${kind}:${r.id}`);
      if (settled(done[r.id])) return [];
      if (!proof) skipped.noEvidence.push(`${r.id}: no evidence (type the certificate or transcript number)`);
      else if (flags.has(`${kind}:${r.id}`)) skipped.flagged.push(`${r.id}: ${flags.get(`${kind}:${r.id}`)}`);
      else return [{ id: r.id, ...(r.date ? { date: r.date } : {}), evidence: proof }];
      return [];
    });
  const exams = proofs(
    'exam',
    record.exams.filter((e) => e.passed),
    confirmations?.exams ?? {},
  );
  const certifications = proofs('cert', record.certifications, confirmations?.certifications ?? {});
  return { body: bodyOf({ priorCredit, exams, certifications }), skipped };
}
