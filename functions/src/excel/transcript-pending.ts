// The transcript's uncounted side: every entry typed in a sheet and not confirmed (the Pending sheet, each row
// saying it is not counted and why, in the engine's words), and the open gaps and integrity flags.
import {
  type CertificationHeld,
  ENTRY_KINDS,
  type EntryKind,
  type ExamResult,
  HOURS_CATEGORY_LABEL,
  isPendingFinding,
  type PriorCredit,
  type SignOff,
} from '@qualcard/shared';
import type { Worksheet } from 'exceljs';
import { type Row, totals } from './entries';
import { pendingWhy } from './provenance';
import { addTableRow, type Column, setupTable } from './sheet';
import type { Transcript } from './transcript';
import { DateRuns, itemIndex, requirementIndex, workFunctionTitles } from './transcript-tables';

export const PENDING_SHEET = 'Pending (not counted)';

interface PendingCells {
  kind: string;
  entry: string;
  date: string;
  hours: number | string;
  details: string;
  claimedBy: string;
}

type OneByOne = Exclude<EntryKind, 'hours-entry'>;

/** What a pending entry is, kind by kind (hours are gathered instead: see `pendingHours`). */
function describers(t: Transcript): Record<OneByOne, (entry: never, index: number) => PendingCells> {
  const items = itemIndex(t.framework, t.run);
  const titles = requirementIndex(t.framework);
  const result = (kind: string) => (r: ExamResult | CertificationHeld) => ({
    kind,
    entry: r.id,
    date: r.date ?? '',
    hours: '',
    details: titles.get(r.id)?.title ?? '',
    claimedBy: '',
  });
  return {
    'sign-off': (s: SignOff) => ({
      kind: 'Sign-off',
      entry: s.itemId,
      date: s.date ?? '',
      hours: '',
      // What the sheet says of it, as the Signed items sheet shows a confirmed one.
      details: [items.get(s.itemId)?.text, s.evidence && `Evidence: ${s.evidence}`, s.notes && `Notes: ${s.notes}`]
        .filter(Boolean)
        .join('\n'),
      claimedBy: s.coachEmail ?? '',
    }),
    'prior-credit': (c: PriorCredit, index) => ({
      kind: 'Prior credit',
      // Its row id is the sheet's key, not something a person reads: the entry's place says which it is.
      entry: `Prior credit ${index + 1}`,
      date: '',
      hours: c.hours,
      details: `${HOURS_CATEGORY_LABEL[c.category]}${c.levelId ? ` ${c.levelId}` : ''}: ${c.description}`,
      claimedBy: c.approvedBy ?? '',
    }),
    exam: result('Exam'),
    certification: result('Certification'),
  };
}

/**
 * Pending hours entries of one category, level and work function, typed as verified by the same person and waiting
 * for the same thing, are one row (the dates they span, how many, how many hours): a sheet synced for the first time
 * may hold thousands, and the transcript stays small.
 */
function pendingHours(t: Transcript): (PendingCells & { why: string })[] {
  const wfTitle = workFunctionTitles(t.framework);
  const runs = new DateRuns();
  for (const row of t.rows['hours-entry']) {
    if (row.status !== 'pending') continue;
    const h = row.entry;
    const wf = h.workFunctionId ? `, ${wfTitle.get(h.workFunctionId) ?? h.workFunctionId}` : '';
    runs.add(h, {
      details: `${HOURS_CATEGORY_LABEL[h.category]}${h.levelId ? ` ${h.levelId}` : ''}${wf}`,
      claimedBy: h.verifiedBy ?? '',
      why: pendingWhy('hours-entry', row, t.progress, 'codes'),
    });
  }
  return runs.values().map((g) => ({
    kind: 'Hours',
    entry: `${g.entries} ${g.entries === 1 ? 'entry' : 'entries'}`,
    date: g.from === g.to ? g.from : `${g.from} to ${g.to}`,
    hours: g.hours,
    details: String(g.details),
    claimedBy: String(g.claimedBy),
    why: String(g.why),
  }));
}

export function pendingSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols: Column[] = [
    { header: 'Counted', key: 'counted', width: 9 },
    { header: 'Kind', key: 'kind', width: 13 },
    { header: 'Entry', key: 'entry', width: 18, wrap: true },
    { header: 'Date', key: 'date', width: 12, wrap: true },
    { header: 'Hours', key: 'hours', width: 8, numFmt: '0.##' },
    { header: 'Details', key: 'details', width: 50, wrap: true },
    { header: 'Typed as by', key: 'claimedBy', width: 28 },
    { header: 'Why it is not counted', key: 'why', width: 50, wrap: true },
  ];
  setupTable(ws, cols);
  const describe = describers(t);
  for (const kind of ENTRY_KINDS) {
    if (kind === 'hours-entry') {
      for (const g of pendingHours(t)) addTableRow(ws, { counted: 'No', ...g });
      continue;
    }
    for (const row of t.rows[kind] as Row<never>[])
      if (row.status === 'pending')
        addTableRow(ws, {
          counted: 'No',
          ...describe[kind](row.entry, row.index),
          why: pendingWhy(kind, row, t.progress),
        });
  }
  return cols;
}

export function gapsSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols: Column[] = [
    { header: 'Kind', key: 'kind', width: 12 },
    { header: 'Level', key: 'level', width: 10 },
    { header: 'Severity', key: 'severity', width: 10 },
    { header: 'Code', key: 'code', width: 26 },
    { header: 'Message', key: 'message', width: 90, wrap: true },
  ];
  setupTable(ws, cols);
  for (const g of t.progress.gaps.filter((f) => !isPendingFinding(f)))
    addTableRow(ws, { kind: 'Gap', level: g.levelId ?? '', severity: g.severity, code: g.code, message: g.message });
  // One line for the entries awaiting a confirmation: the Pending sheet lists each of them.
  const waiting = totals(t.progress.entries).pending;
  if (waiting > 0)
    addTableRow(ws, {
      kind: 'Pending',
      severity: 'info',
      code: 'pending',
      message: `${waiting} ${waiting === 1 ? 'entry is' : 'entries are'} typed in a sheet and not confirmed: not counted until a coach or admin confirms them (sheet "${PENDING_SHEET}").`,
    });
  for (const g of t.progress.integrity)
    addTableRow(ws, {
      kind: 'Integrity',
      level: g.levelId ?? '',
      severity: g.severity,
      code: g.code,
      message: g.message,
    });
  return cols;
}
