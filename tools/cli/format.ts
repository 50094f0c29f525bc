// Plain-text tables for the terminal.
import {
  type ApprenticeRecord,
  ENTRY_KINDS,
  type EntryKind,
  type Finding,
  type Framework,
  HOURS_CATEGORY_LABEL,
  isPendingFinding,
  PENDING_CODE,
  type Pointer,
  type Progress,
} from '../../shared/src';

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function frameworkList(frameworks: Framework[]): string {
  return table([
    ['ID', 'VERSION', 'LEVELS', 'ITEMS', 'TITLE'],
    ...frameworks.map((f) => [
      f.id,
      f.version,
      String(f.levels.length),
      String(f.workFunctions.reduce((n, wf) => n + wf.items.length, 0)),
      f.title,
    ]),
  ]);
}

const findingLines = (title: string, findings: Finding[], none = 'none'): string[] =>
  findings.length === 0
    ? [`${title}: ${none}`]
    : [`${title} (${findings.length}):`, ...findings.map((f) => `  [${f.severity}] ${f.code}  ${f.message}`)];

/** Each kind of entry: its label, and its list in the record (pointers name rows as `signOffs.3`). */
const KINDS: Record<EntryKind, { label: string; field: keyof ApprenticeRecord }> = {
  'sign-off': { label: 'Sign-offs', field: 'signOffs' },
  'hours-entry': { label: 'Hours entries', field: 'hours' },
  'prior-credit': { label: 'Prior credit', field: 'priorCredit' },
  exam: { label: 'Exams passed', field: 'exams' },
  certification: { label: 'Certifications', field: 'certifications' },
};
/** How many pending entries of each kind are named by their row. */
export const PENDING_SHOWN = 5;

/** Where a pending entry is in the record: `signOffs.38 (HD2.2.4)`, `hours.380 (h381)`. */
export function rowPointer(record: ApprenticeRecord, p: Pointer): string {
  switch (p.kind) {
    case 'sign-off':
      return `signOffs.${p.index} (${p.itemId})`;
    case 'hours-entry':
      return `hours.${p.index}${p.id ? ` (${p.id})` : ''}`;
    case 'prior-credit':
      return `priorCredit.${p.index}${p.id ? ` (${p.id})` : ''}`;
    case 'exam':
      return `exams.${record.exams.findIndex((e) => e.id === p.examId && e.passed)} (${p.examId})`;
    case 'certification':
      return `certifications.${record.certifications.findIndex((c) => c.id === p.certificationId)} (${p.certificationId})`;
    default:
      return p.kind;
  }
}

/** Per kind: what the engine counted (confirmed, attested), what waits for a confirmation, what is flagged. */
export function entriesReport(record: ApprenticeRecord, p: Progress): string[] {
  const rows = ENTRY_KINDS.map((kind) => {
    const e = p.entries[kind];
    return [KINDS[kind].label, e.confirmed + e.attested, e.confirmed, e.attested, e.pending, e.flagged].map(String);
  });
  const pending = p.gaps.filter(isPendingFinding);
  const flagged = ENTRY_KINDS.reduce((n, kind) => n + p.entries[kind].flagged, 0);
  const lines = [
    'Entries: only those confirmed by a coach or admin, or attested by an admin, count.',
    table([['ENTRIES', 'COUNTED', 'CONFIRMED', 'ATTESTED', 'PENDING (NOT COUNTED)', 'FLAGGED (NOT COUNTED)'], ...rows]),
  ];
  if (flagged > 0) lines.push(`Flagged, not counted until corrected (${flagged}): see the integrity flags below.`);
  if (pending.length === 0) return [...lines, 'Pending: none, every entry is confirmed or attested.'];
  lines.push(`Pending, not counted until confirmed (${pending.length}):`);
  for (const kind of ENTRY_KINDS) {
    const mine = pending.filter((f) => f.code === PENDING_CODE(kind));
    if (mine.length === 0) continue;
    const shown = mine.slice(0, PENDING_SHOWN).map((f) => rowPointer(record, f.pointer));
    const more = mine.length > PENDING_SHOWN ? `, and ${mine.length - PENDING_SHOWN} more` : '';
    lines.push(`  ${KINDS[kind].label.toLowerCase()} (${mine.length}): ${shown.join(', ')}${more}`);
  }
  return lines;
}

export function progressReport(f: Framework, record: ApprenticeRecord, p: Progress): string {
  const a = record.apprentice;
  const categories = [...new Set(f.levels.flatMap((l) => l.requirements.hours.map((h) => h.category)))];
  const header = [
    'LEVEL',
    'ITEMS',
    ...categories.map((c) => `${HOURS_CATEGORY_LABEL[c].toUpperCase()} H`),
    'EXAMS',
    'CERTS',
    '%',
    'COMPLETE',
  ];
  const rows = p.levels.map((l) => [
    `${l.levelId}${l.levelId === p.targetLevelId ? '*' : ''} ${l.title}`,
    `${l.items.done}/${l.items.required}`,
    ...categories.map((c) => {
      const h = l.hours.find((x) => x.category === c);
      return h ? `${h.done}/${h.required}` : '-';
    }),
    `${l.exams.done}/${l.exams.required}`,
    `${l.certifications.done}/${l.certifications.required}`,
    `${l.percent}`,
    l.complete ? 'yes' : 'no',
  ]);
  return [
    `${a.name} (${a.id}): ${f.title} ${f.version}, working towards ${p.targetLevelId} (*), as of ${p.asOf}`,
    '',
    table([header, ...rows]),
    '',
    `Projected completion: ${p.projectedCompletion ?? 'cannot be projected (no recent sign-offs or hours)'}`,
    '',
    ...entriesReport(record, p),
    '',
    // Pending entries are listed above, kind by kind: the gaps are what else stands in the way.
    ...findingLines(
      'Gaps',
      p.gaps.filter((g) => !isPendingFinding(g)),
    ),
    ...findingLines('Integrity flags', p.integrity),
  ].join('\n');
}
