// The admin's weekly summary lists each apprentice owed a wage raise ("eligible for step N since DATE"), and only
// while it is owed; coaches' messages do not carry pay.
import {
  coachDigest,
  type DigestApprentice,
  type DigestInput,
  summaryDigest,
} from '../../functions/src/digest/compose';

const COACH = 'coach@acme.example';
const apprentice = (id: string, name: string, wageEligible?: string): DigestApprentice => ({
  id,
  name,
  coachEmails: [COACH],
  status: { status: 'at-risk', reason: `At risk: reason of ${id}` },
  pending: 0,
  waiting: [],
  pendingForAdmin: 0,
  levels: [],
  gaps: [],
  ...(wageEligible ? { wageEligible } : {}),
});
const input = (apprentices: DigestApprentice[]): DigestInput => ({
  sponsorId: 'acme',
  sponsorName: 'Acme IT',
  week: '2026-W48',
  sheetUrl: undefined,
  apprentices,
  coaches: [COACH],
  staff: ['admin@acme.example'],
});

test('the summary has a "Wage raise owed" section, by name, and none when no raise is owed', () => {
  const owed = input([
    apprentice('zed', 'Zed', 'eligible for step 3 since 2026-11-02'),
    apprentice('amy', 'Amy', 'eligible for step 2 since 2026-10-15 (a raise owed since 2026-09-01)'),
    apprentice('bob', 'Bob'),
  ]);
  const summary = summaryDigest(owed, 'admin@acme.example');
  expect(summary.text).toContain(
    [
      'Wage raise owed (2)',
      '- Amy (amy): eligible for step 2 since 2026-10-15 (a raise owed since 2026-09-01)',
      '- Zed (zed): eligible for step 3 since 2026-11-02',
    ].join('\n'),
  );
  expect(summary.html).toContain('<h3>Wage raise owed (2)</h3>');
  expect(coachDigest(owed, COACH)!.text).not.toContain('Wage');
  expect(summaryDigest(input([apprentice('bob', 'Bob')]), 'admin@acme.example').text).not.toContain('Wage');
});
