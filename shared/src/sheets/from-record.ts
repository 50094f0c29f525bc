// The other direction: what the sheets would hold for an ApprenticeRecord (sign-offs, exams, certifications,
// hours and prior credit), as "existing" typed content the plans merge in. Confirmations are not typed content: the
// plans write them from a view (recordView). Used to render a cohort's workbook from records, and to check that
// sheets -> record -> sheets loses nothing.

import { categoryLabel, priorCreditLabel, workFunctionLabel } from './hours';
import type { ApprenticeRecord, Framework } from './model';
import type { ExistingHours, ExistingQualCard, HoursRow, KeptSignOff } from './read';

export function existingFromRecord(
  framework: Framework,
  record: ApprenticeRecord,
): { qualCard: ExistingQualCard; hours: ExistingHours } {
  const rows = new Map<string, KeptSignOff>();
  const blank = (key: string): KeptSignOff => ({
    key,
    signed: false,
    date: '',
    signedBy: '',
    evidence: '',
    notes: '',
    confirmation: '',
    label: '',
    texts: {},
  });
  for (const s of record.signOffs) {
    rows.set(`item:${s.itemId}`, {
      ...blank(`item:${s.itemId}`),
      signed: true,
      date: s.date ?? '',
      signedBy: s.coachEmail ?? '',
      evidence: s.evidence ?? '',
      notes: s.notes ?? '',
      label: s.itemId,
    });
  }
  // Exams and certifications are per level on the card: tick every level that requires them.
  for (const level of framework.levels) {
    for (const e of record.exams.filter((x) => x.passed)) {
      if (level.requirements.exams.some((r) => r.id === e.id))
        rows.set(`exam:${level.id}:${e.id}`, {
          ...blank(`exam:${level.id}:${e.id}`),
          signed: true,
          date: e.date ?? '',
        });
    }
    for (const c of record.certifications) {
      if (level.requirements.certifications.some((r) => r.id === c.id))
        rows.set(`cert:${level.id}:${c.id}`, {
          ...blank(`cert:${level.id}:${c.id}`),
          signed: true,
          date: c.date ?? '',
        });
    }
  }
  const wf = new Map(framework.workFunctions.map((w) => [w.id, workFunctionLabel(w)]));
  const hours: HoursRow[] = [
    ...record.priorCredit.map(
      (c, i): HoursRow => ({
        key: c.id ?? `credit-${i + 1}`,
        date: record.apprentice.startDate,
        category: priorCreditLabel(c.category),
        workFunction: '',
        hours: c.hours,
        description: c.description,
        verifiedBy: c.approvedBy ?? c.confirmation?.by ?? '',
        confirmation: '',
      }),
    ),
    ...record.hours.map(
      (h, i): HoursRow => ({
        key: h.id ?? `r-${i + 1}`,
        date: h.date,
        category: categoryLabel(h.category),
        workFunction: h.workFunctionId ? (wf.get(h.workFunctionId) ?? h.workFunctionId) : '',
        hours: h.hours,
        description: h.description ?? '',
        verifiedBy: h.verifiedBy ?? '',
        confirmation: '',
      }),
    ),
  ];
  return { qualCard: { rows }, hours: { rows: hours } };
}
