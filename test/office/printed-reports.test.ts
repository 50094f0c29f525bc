// The demo cohort's cohort report and a transcript printed as a person would (LibreOffice to PDF, read back with
// poppler): their page counts as measured, the cohort report's first page holds every apprentice's status with the
// worst first, and no printed page carries an internal id, a hash or a raw timestamp.
import { STATUS_LABEL, statusRank } from '../../shared/src';
import { DEMO_TIME_ZONE, demoCohort, demoCohortReport, demoTranscript } from '../fixtures/demo-reports';
import { printViaLibreOffice } from './pdf';

/** Pages measured for the demo's six apprentices (every entry confirmed): Cohort 1, Gaps 1, Levels 1, Gap list 4. */
const COHORT_REPORT_PAGES = 7;
/** Ben's transcript: Summary 1, Signed items 4, Hours 1, Hours by confirmation 1, and one page per other sheet
 * (Credentials included). */
const TRANSCRIPT_PAGES = 10;

/** Status labels are whole words in the printed line: "Off track", "At risk", "On track". */
const LABELS = Object.values(STATUS_LABEL);

test('the demo cohort report and a transcript print in the pages measured; the worst status first on page one', async () => {
  const cohort = demoCohort();
  const [report, transcript] = printViaLibreOffice([await demoCohortReport(), await demoTranscript('ben')]);
  expect([report!.pages, transcript!.pages]).toEqual([COHORT_REPORT_PAGES, TRANSCRIPT_PAGES]);

  // Page one: each apprentice's row, on a line that starts with their name and holds their status.
  const first = report!.page(1).split('\n');
  const lines = cohort.map(({ plan, progress }) => {
    const at = first.findIndex((l) => l.trimStart().startsWith(plan.name));
    expect([plan.name, at >= 0]).toEqual([plan.name, true]);
    expect(LABELS.filter((label) => first[at]!.includes(` ${label} `))).toEqual([STATUS_LABEL[progress.status.status]]);
    return { at, rank: statusRank(STATUS_LABEL[progress.status.status]) };
  });
  const byLine = [...lines].sort((a, b) => a.at - b.at).map((l) => l.rank);
  expect(byLine).toEqual([...byLine].sort((a, b) => a - b));
  expect(byLine[0]).toBe(Math.min(...byLine));
  expect(cohort.some(({ progress }) => progress.status.status === 'off-track')).toBe(true);
  // The counts at the top: each status of the cohort, with its number.
  expect(report!.page(1)).toMatch(/Apprentices by status\s+Off track\s+At risk\s+On track\s+Total/);

  // No internal id on any printed page: neither the apprentices' nor the sponsor's ids, no hash, no raw timestamp.
  for (const printed of [report!, transcript!]) {
    for (const { plan } of cohort) expect(printed.text).not.toMatch(new RegExp(`(^|\\s)${plan.id}(\\s|$)`, 'm'));
    expect(printed.text).not.toMatch(/(^|\s)northwind(\s|$)/m);
    expect(printed.text).not.toMatch(/[0-9a-f]{16}/);
    expect(printed.text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  }
  // The transcript's times are on the sponsor's clock, and its level table's header stands over its values.
  expect(transcript!.page(1)).toContain(`Generated                  2026-12-07 09:00 (${DEMO_TIME_ZONE})`);
  const table = transcript!.page(1).split('\n');
  const header = table.findIndex((l) => /^Level\s+Title\s+State\s+Percent/.test(l));
  const l2 = table.find((l) => l.startsWith('L2 '))!;
  for (const [word, value] of [
    ['Percent', '41.8'],
    ['signed', '18 of 35'],
  ] as const) {
    // A centred header's middle is its centred value's middle (a character either way for rounding).
    const middle = (line: string, s: string) => line.indexOf(s) + s.length / 2;
    expect([word, Math.abs(middle(table[header]!, word) - middle(l2, value))]).toEqual([word, expect.any(Number)]);
    expect(Math.abs(middle(table[header]!, word) - middle(l2, value))).toBeLessThanOrEqual(1.5);
  }
}, 240_000);
