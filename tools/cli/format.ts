// Plain-text tables for the terminal.
import {
  type ApprenticeRecord,
  type Finding,
  type Framework,
  HOURS_CATEGORY_LABEL,
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

const count = (fw: Framework, levelId: string, core: 'core' | 'optional'): number =>
  fw.workFunctions.reduce(
    (n, wf) => n + wf.items.filter((i) => i.core === core && i.levels.includes(levelId)).length,
    0,
  );

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

export function frameworkDetail(f: Framework): string {
  const lines = [`${f.title} (${f.id} ${f.version})`];
  if (f.sourceDocument) lines.push(`Source: ${f.sourceDocument}`);
  if (f.occupation.onetCodes.length || f.occupation.rapidsCodes.length)
    lines.push(
      `O*NET ${f.occupation.onetCodes.join(', ') || '-'}; RAPIDS ${f.occupation.rapidsCodes.join(', ') || '-'}`,
    );
  const d = f.program.durationMonths;
  if (f.program.type || d)
    lines.push(
      `Program: ${f.program.type ?? 'type not stated'}${d ? `, ${d.minimum ?? '?'}-${d.maximum ?? '?'} months (expected ${d.expected ?? '?'})` : ''}${f.program.levelsCumulative ? ', levels cumulative' : ''}`,
    );
  lines.push(
    '',
    table([
      ['LEVEL', 'CORE', 'OPTIONAL', 'HOURS', 'EXAMS', 'CERTIFICATIONS'],
      ...f.levels.map((l) => [
        `${l.id} ${l.title}`,
        String(count(f, l.id, 'core')),
        String(count(f, l.id, 'optional')),
        l.requirements.hours.map((h) => `${HOURS_CATEGORY_LABEL[h.category]} ${h.hours}`).join('; ') || '-',
        String(l.requirements.exams.length),
        l.requirements.certifications.map((c) => c.title).join('; ') || '-',
      ]),
    ]),
  );
  lines.push(
    '',
    table([
      ['WORK FUNCTION', 'ITEMS', 'TITLE'],
      ...f.workFunctions.map((wf) => [wf.id, String(wf.items.length), wf.title]),
    ]),
  );
  if (f.slots.length) lines.push('', `Sponsor-definable slots: ${f.slots.map((s) => s.id).join(', ')}`);
  return lines.join('\n');
}

const findingLines = (title: string, findings: Finding[]): string[] =>
  findings.length === 0
    ? [`${title}: none`]
    : [`${title} (${findings.length}):`, ...findings.map((f) => `  [${f.severity}] ${f.code}  ${f.message}`)];

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
    ...findingLines('Gaps', p.gaps),
    ...findingLines('Integrity flags', p.integrity),
  ].join('\n');
}
