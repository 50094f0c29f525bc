// `qualcard frameworks show`: everything a sponsor needs to read a framework in a terminal, its item texts wrapped
// to the terminal's width; nothing of the document's reading is left to the JSON.
import {
  defaultProgramRequirements,
  type Framework,
  HOURS_CATEGORY_LABEL,
  type Item,
  type Level,
  type LevelRequirement,
  levelStandardText,
} from '../../shared/src';

/** Terminal width used when stdout is not a terminal (a pipe, a file). */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, hanging indents leave too little room for the text: wrap at this width anyway. */
export const MIN_WIDTH = 40;

export const terminalWidth = (columns: number | undefined): number =>
  Math.max(MIN_WIDTH, columns && columns > 0 ? columns : DEFAULT_WIDTH);

/**
 * `text` in lines of at most `width` characters: the first starts with `first`, the others with spaces as wide as
 * `first` (a hanging indent). A word longer than the line is cut rather than overflowing.
 */
export function wrap(text: string, width: number, first: string): string[] {
  const indent = ' '.repeat(first.length);
  const room = Math.max(10, width - first.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest; ) {
      const piece = rest.length > room ? rest.slice(0, room) : rest;
      rest = rest.slice(piece.length);
      if (line && line.length + 1 + piece.length > room) {
        lines.push(line);
        line = piece;
      } else line = line ? `${line} ${piece}` : piece;
    }
  }
  lines.push(line);
  return lines.map((l, i) => `${i === 0 ? first : indent}${l}`.trimEnd());
}

const TEXT_LABELS: [keyof Item['texts'], string][] = [
  ['competency', 'Competency'],
  ['do', 'Do'],
  ['know', 'Know'],
  ['exit', 'Exit'],
  ['statement', 'Statement'],
];

const listOr = (values: string[], none = 'none'): string => (values.length ? values.join('; ') : none);

function programLines(f: Framework, width: number): string[] {
  const d = f.program.durationMonths;
  const months = d && [d.minimum, d.expected, d.maximum].some((m) => m !== undefined);
  const duration = months
    ? `minimum ${d.minimum ?? 'not stated'}, expected ${d.expected ?? 'not stated'}, maximum ${d.maximum ?? 'not stated'} months`
    : 'the document gives no duration';
  const cumulative = f.program.levelsCumulative
    ? 'yes: a level is complete only when the level before it is'
    : 'no: each level is complete on its own requirements';
  return [
    ...wrap(f.program.type ?? 'not stated', width, 'Program type: '),
    ...wrap(duration, width, 'Duration: '),
    ...wrap(cumulative, width, 'Levels cumulative: '),
    ...(f.program.certificationNote ? wrap(f.program.certificationNote, width, 'Certification: ') : []),
  ];
}

function headerLines(f: Framework, width: number): string[] {
  const o = f.occupation;
  const lines = wrap(`${f.title} (${f.id} ${f.version})`, width, '');
  if (f.sourceDocument) lines.push(...wrap(f.sourceDocument, width, 'Source: '));
  if (o.title) lines.push(...wrap(o.title, width, 'Occupation: '));
  if (o.onetCodes.length || o.rapidsCodes.length)
    lines.push(...wrap(`${o.onetCodes.join(', ') || '-'}; RAPIDS ${o.rapidsCodes.join(', ') || '-'}`, width, 'O*NET '));
  if (o.jobTitles.length) lines.push(...wrap(o.jobTitles.join(', '), width, 'Job titles: '));
  return [...lines, ...programLines(f, width)];
}

/**
 * What the default program requires at the level and what is optional (counted toward nothing); then, per optional
 * work function, the core items a program leaving it out stops requiring.
 */
function levelItemLines(f: Framework, l: Level, req: LevelRequirement, width: number): string[] {
  const stated = l.requirements.statedItemCount;
  const items = `the default program requires ${req.required.length}, ${req.optional.length} optional (counted toward nothing)${stated === undefined ? '' : `; the document states ${stated}`}`;
  const leavable = f.workFunctions
    .filter((wf) => wf.core === 'optional' && wf.items.some((i) => i.levels.includes(l.id)))
    .map((wf) => {
      const core = wf.items.filter((i) => i.core === 'core' && i.levels.includes(l.id)).map((i) => i.id);
      return `${wf.id} (${core.length ? `then not required: ${core.join(', ')}` : 'no core item'})`;
    });
  return [
    ...wrap(items, width, '    Items: '),
    ...(leavable.length ? wrap(leavable.join('; '), width, '    A program may leave out: ') : []),
  ];
}

function levelLines(f: Framework, l: Level, req: LevelRequirement, width: number): string[] {
  const r = l.requirements;
  const hours = r.hours.map((h) => `${HOURS_CATEGORY_LABEL[h.category]} ${h.hours}${h.note ? ` (${h.note})` : ''}`);
  return [
    ...wrap(l.title, width, `  ${l.id} `),
    ...levelItemLines(f, l, req, width),
    ...wrap(levelStandardText(l) || 'not stated in the document', width, '    Sign-off standard: '),
    ...wrap(listOr(hours, 'none stated'), width, '    Hours: '),
    ...wrap(listOr(r.exams.map((e) => e.title)), width, '    Exams: '),
    ...wrap(listOr(r.certifications.map((c) => c.title)), width, '    Certifications: '),
    ...(r.courses.length
      ? wrap(
          r.courses.map((c) => `${c.title} (${c.kind}${c.note ? `, ${c.note}` : ''})`).join('; '),
          width,
          '    Courses: ',
        )
      : []),
    ...(l.description ? wrap(l.description, width, '    ') : []),
  ];
}

function itemLines(item: Item, width: number): string[] {
  const about = [
    item.core,
    `level${item.levels.length > 1 ? 's' : ''} ${item.levels.join(', ')}`,
    ...(item.proficiency ? [item.proficiency] : []),
    ...(item.addedBy ? [`added by ${item.addedBy}`] : []),
  ];
  const texts = TEXT_LABELS.flatMap(([key, label]) => {
    const text = item.texts[key];
    return text ? wrap(text, width, `    ${label}: `) : [];
  });
  return [...wrap(`${about.join(', ')})`, width, `  ${item.id} (`), ...texts];
}

function workFunctionLines(f: Framework, width: number): string[] {
  return f.workFunctions.flatMap((wf) => {
    const core = wf.core ? `${wf.core}, ` : '';
    const proficiency = wf.proficiency ? `, ${wf.proficiency}` : '';
    const head = wrap(
      `${wf.title} (${core}${wf.items.length} item${wf.items.length === 1 ? '' : 's'}${proficiency})`,
      width,
      `${wf.id} `,
    );
    return ['', ...head, ...wf.items.flatMap((item) => itemLines(item, width))];
  });
}

function slotLines(f: Framework, width: number): string[] {
  if (f.slots.length === 0) return [];
  const lines = f.slots.flatMap((s) => {
    const where = s.workFunctionId ? ` in ${s.workFunctionId}` : '';
    const inside = s.itemSlotIds.length ? `; item slots ${s.itemSlotIds.join(', ')}` : '';
    const core = s.core === 'sponsor-decides' ? 'core or optional as the sponsor decides' : s.core;
    return wrap(`${s.kind}${where}, level ${s.levels.join(', ')}, ${core}${inside}`, width, `  ${s.id}: `);
  });
  return ['', 'Slots the sponsor defines:', ...lines];
}

function noteLines(f: Framework, width: number): string[] {
  if (f.notes.length === 0) return ['', 'Notes: none'];
  return ['', 'Notes:', ...f.notes.flatMap((n, i) => wrap(n, width, `  ${i + 1}. `))];
}

/** The whole framework as text, wrapped to `width` columns (see terminalWidth). */
export function frameworkDetail(f: Framework, width = DEFAULT_WIDTH): string {
  const ccc = f.crossCuttingCompetencies.length;
  return [
    ...headerLines(f, width),
    '',
    'Levels:',
    ...defaultProgramRequirements(f).flatMap((req, k) => levelLines(f, f.levels[k]!, req, width)),
    '',
    'Work functions and items:',
    ...workFunctionLines(f, width),
    ...slotLines(f, width),
    ...(ccc
      ? ['', ...wrap(`${ccc} rated (frameworks show --json lists them)`, width, 'Cross-cutting competencies: ')]
      : []),
    ...noteLines(f, width),
  ].join('\n');
}
