// Test fixtures for the sheet plans and the add-on: a small two-level framework with NITAS-style texts,
// a second version of it (one item removed, one added), and roster rows.
import { Framework } from '../../shared/src/model/framework';
import type { RosterRow } from '../../shared/src/sheets';

export function smallFramework(
  opts: { version?: string; cumulative?: boolean; drop?: string[]; add?: string[] } = {},
): Framework {
  const texts = (id: string) => ({
    competency: `Competency ${id}`,
    do: `Do ${id}`,
    know: `Know ${id}`,
    exit: `Exit ${id}`,
  });
  const item = (id: string, levelId: string, core: 'core' | 'optional' = 'core') => ({
    id,
    levels: [levelId],
    core,
    texts: texts(id),
  });
  const level = (id: string, n: number) => ({
    id,
    title: `Level ${n}`,
    requirements: {
      hours: [
        { category: 'related-instruction' as const, hours: 10 },
        { category: 'on-the-job-learning' as const, hours: 100 },
      ],
      exams: [{ id: `exam-${n}`, title: `Exam ${n}` }],
      certifications: [{ id: `cert-${n}`, title: `Cert ${n}` }],
    },
  });
  const drop = new Set(opts.drop ?? []);
  const wf1 = ['HD1.1.1', 'HD1.1.2', 'HD1.1.3']
    .filter((i) => !drop.has(i))
    .map((i) => item(i, 'L1', i === 'HD1.1.3' ? 'optional' : 'core'));
  const wf2 = ['HD1.2.1', 'HD1.2.2', ...(opts.add ?? [])].filter((i) => !drop.has(i)).map((i) => item(i, 'L1'));
  const wf3 = ['HD2.1.1', 'HD2.1.2'].filter((i) => !drop.has(i)).map((i) => item(i, 'L2'));
  return Framework.parse({
    id: 'small',
    title: 'Small Help Desk',
    version: opts.version ?? '1.0.0',
    program: { levelsCumulative: opts.cumulative ?? true },
    levels: [level('L1', 1), level('L2', 2)],
    workFunctions: [
      { id: 'CWF1', title: 'Customer service', items: wf1 },
      { id: 'CWF2', title: 'Troubleshooting, \'quoted\' "text"', items: wf2 },
      { id: 'CWF3', title: 'Advanced support', items: wf3 },
    ],
  });
}

export const COACH = 'coach@example.com';

export function rosterRow(
  overrides: Partial<RosterRow['apprentice']> = {},
  priorCredit: RosterRow['priorCredit'] = [],
): RosterRow {
  return {
    row: 4,
    apprentice: {
      id: 'A001',
      name: "Ada O'Brien",
      email: 'ada@example.com',
      startDate: '2026-01-05',
      frameworkId: 'small',
      levelId: 'L1',
      coachEmails: [COACH],
      ...overrides,
    },
    priorCredit,
  };
}
