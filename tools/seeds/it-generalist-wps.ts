// 002: Work Process Schedule, IT Generalist. Job Functions 1-7, each task marked Core / Optional,
// with OJT / RI hour columns the sponsor fills in (empty in the document).
import type { FrameworkInput } from '../../shared/src/model/framework';
import { optionalDefault } from './optional';
import type { SourceDoc } from './source';
import { cells, lineAt, parseWpsHeader, parseWpsTable, requireLine, sourceRef } from './text-helpers';

export const IT_GENERALIST_WPS_ID = 'it-generalist-wps';

export function parseItGeneralistWps(doc: SourceDoc): FrameworkInput {
  const header = parseWpsHeader(doc);
  const tableStart = requireLine(doc, /^JOB FUNCTION\t/, 'JOB FUNCTION table header');
  const functions = parseWpsTable(doc, tableStart);
  if (functions.length === 0) throw new Error(`${doc.document}: no JOB FUNCTION rows`);
  const lastLine = Math.max(...functions.map((f) => f.lastLine));
  const notes: string[] = [];

  // Hour columns: the header names OJT and RI; every row leaves them empty.
  const hourColumns = cells(lineAt(doc, tableStart))
    .map((c) => c.trim())
    .filter((c) => c === 'OJT' || c === 'RI');
  notes.push(
    `The ${hourColumns.join(' and ')} hour columns are empty for every job function and task in the document: the sponsor fills them in, so the level has no hour requirements.`,
  );
  let inherited = 0;
  const workFunctions = functions.map((fn) => {
    const wfId = `JF${fn.number}`;
    const items = fn.tasks.map((task, t) => {
      // An empty Core/Optional cell only occurs in job functions marked Optional; the task takes that mark.
      let core = task.mark;
      if (core === undefined) {
        if (fn.mark === undefined)
          throw new Error(`${doc.document} line ${task.line + 1}: task and job function both lack Core/Optional`);
        core = fn.mark;
        inherited++;
      }
      return {
        id: `${wfId}.${t + 1}`,
        levels: ['L1'],
        texts: { statement: task.text },
        core,
        source: sourceRef(doc, task.line),
      };
    });
    return { id: wfId, title: fn.title, core: fn.mark, items, source: sourceRef(doc, fn.line, fn.lastLine) };
  });
  if (inherited > 0)
    notes.push(
      `${inherited} tasks have an empty Core/Optional cell; all are in job functions marked Optional, so they are recorded as optional.`,
    );
  notes.push(
    'Task ids (JF<n>.<m>) are assigned in document order; the document numbers only the job functions.',
    'Sign-off standard: the document states none (it lists tasks with Core/Optional marks and empty hour columns), so no level carries a signOffStandard.',
  );
  if (header.certificationNote)
    notes.push(
      'No specific certification is required: the document leaves the choice to employers (see program.certificationNote).',
    );
  const optional = optionalDefault(workFunctions);
  notes.push(optional.note);
  const occupationTitle = header.occupationTitle ?? 'Information Technology Generalist';
  return {
    id: IT_GENERALIST_WPS_ID,
    title: `Work Process Schedule: ${occupationTitle}`,
    version: '2.0.0',
    sourceDocument: doc.document,
    occupation: { title: header.occupationTitle, onetCodes: header.onetCode ? [header.onetCode] : [] },
    program: {
      type: header.programType,
      durationMonths: header.durationMonths,
      optionalWorkFunctionsDefault: optional.optionalWorkFunctionsDefault,
      certificationNote: header.certificationNote,
      source: sourceRef(doc, header.lines[0], header.lines[1]),
    },
    levels: [
      { id: 'L1', title: occupationTitle, requirements: { hours: [] }, source: sourceRef(doc, tableStart, lastLine) },
    ],
    workFunctions,
    notes,
  };
}
