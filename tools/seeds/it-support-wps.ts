// 003: a newer Work Process Schedule of IT support skills. Job Functions 1-10, each a list of skills
// without ids; a skills-count cell survives after some job functions and a "Totals" block ends the table.
import type { FrameworkInput } from '../../shared/src/model/framework';
import { optionalDefault } from './optional';
import { clean, type SourceDoc } from './source';
import { lineAt, requireLine, sourceRef, statement } from './text-helpers';

export const IT_SUPPORT_WPS_ID = 'it-support-wps';

interface JobFunction {
  number: number;
  title: string;
  line: number;
  lastLine: number;
  skills: { text: string; line: number }[];
  statedCount?: number;
}

export function parseItSupportWps(doc: SourceDoc): FrameworkInput {
  const first = requireLine(doc, /^\s*\tJob Function \d+:/, 'first Job Function heading');
  const titleLine = requireLine(doc, /\S/, 'document title', 0, first);
  const documentTitle = clean(lineAt(doc, titleLine));
  const totals = requireLine(doc, /^\s*Totals\s*$/, 'Totals row', first);
  const functions = readJobFunctions(doc, first, totals);
  const totalsRow = requireLine(doc, /^\s*\d+\s*$/, 'Totals value', totals);
  const totalsValue = clean(lineAt(doc, totalsRow));
  const lastLine = Math.max(...functions.map((fn) => fn.lastLine));
  const workFunctions = functions.map((fn) => ({
    id: `JF${fn.number}`,
    title: fn.title,
    items: fn.skills.map((skill, s) => ({
      id: `JF${fn.number}.${s + 1}`,
      levels: ['L1'],
      texts: { statement: skill.text },
      core: 'core' as const,
      source: sourceRef(doc, skill.line),
    })),
    source: sourceRef(doc, fn.line, fn.lastLine),
  }));
  const optional = optionalDefault(workFunctions);
  return {
    id: IT_SUPPORT_WPS_ID,
    title: `IT Support ${documentTitle}`,
    version: '1.0.0',
    sourceDocument: doc.document,
    levels: [{ id: 'L1', title: 'IT Support', requirements: { hours: [] }, source: sourceRef(doc, first, lastLine) }],
    program: { levelsCumulative: false, optionalWorkFunctionsDefault: optional.optionalWorkFunctionsDefault },
    workFunctions,
    notes: [...notes(functions, totalsValue), optional.note],
  };
}

/** The job functions between the first heading and the Totals row, numbered 1, 2, ... in document order. */
function readJobFunctions(doc: SourceDoc, first: number, totals: number): JobFunction[] {
  const functions: JobFunction[] = [];
  for (let i = first; i < totals; i++) {
    const text = clean(lineAt(doc, i));
    if (text !== '') readTableLine(`${doc.document} line ${i + 1}`, i, text, functions);
  }
  for (const [k, fn] of functions.entries()) {
    if (fn.number !== k + 1)
      throw new Error(`${doc.document} line ${fn.line + 1}: expected Job Function ${k + 1}, found ${fn.number}`);
  }
  return functions;
}

/** A "Job Function n:" heading, a skill of the last job function, or that job function's skills count. */
function readTableLine(where: string, i: number, text: string, functions: JobFunction[]): void {
  const heading = /^Job Function (\d+):\s*(.*)$/.exec(text);
  if (heading) {
    functions.push({
      number: Number(heading[1]),
      title: statement(heading[2] ?? '', where),
      line: i,
      lastLine: i,
      skills: [],
    });
    return;
  }
  const fn = functions[functions.length - 1];
  if (!fn) throw new Error(`${where}: skill before any Job Function heading`);
  if (/^\d+$/.test(text)) {
    // The SKILLS column's per-job-function count; it must match the skills listed above it.
    fn.statedCount = Number(text);
    if (fn.statedCount !== fn.skills.length) {
      throw new Error(
        `${where}: stated skill count ${text} but Job Function ${fn.number} lists ${fn.skills.length} skills`,
      );
    }
    return;
  }
  if (fn.statedCount !== undefined) throw new Error(`${where}: skill after Job Function ${fn.number}'s count row`);
  fn.skills.push({ text: statement(text, where), line: i });
  fn.lastLine = i;
}

function notes(functions: JobFunction[], totalsValue: string): string[] {
  const counted = functions.filter((fn) => fn.statedCount !== undefined);
  return [
    'The document does not mark skills Core or Optional; every skill is recorded as core.',
    'Skill ids (JF<n>.<m>) are assigned in document order; the document gives the skills no ids.',
    `The lone numbers after ${counted.map((fn) => `Job Function ${fn.number} (${fn.statedCount})`).join(' and ')} are the SKILLS column's count of that job function's skills (checked against the list); the other job functions have no count. They are not items.`,
    `The closing "Totals / SKILLS / ${totalsValue}" block is an uncomputed spreadsheet total, not a requirement; it is ignored.`,
    'The document gives no hours, levels, occupation codes or program duration; the single level has no hour requirements.',
  ];
}
