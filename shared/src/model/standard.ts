// A level's sign-off standard as the qual card header, the add-on's coach section and the transcript print it: the
// document's words in quotes, then where they stand.
import type { Level } from './framework';

/** A level's sign-off standard quoted with its document lines; "" when the document states none for it. */
export function levelStandardText(l: Pick<Level, 'signOffStandard'>): string {
  if (!l.signOffStandard) return '';
  const { text, source } = l.signOffStandard;
  const lines = source.lines[0] === source.lines[1] ? `line ${source.lines[0]}` : `lines ${source.lines.join('-')}`;
  return `"${text}" (${source.document}, ${lines})`;
}
