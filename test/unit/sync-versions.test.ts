// A sync never changes the framework version an apprentice is on: the version stored when the sync's transaction
// runs wins over the one pinned when the request was checked (a migration may have committed in between).
import { GENESIS } from '../../functions/src/audit';
import type { ApprenticeState } from '../../functions/src/store/apprentice';
import { planSync } from '../../functions/src/sync/plan';
import type { SheetRecord } from '../../shared/src';

const sheet = (frameworkId: string, frameworkVersion?: string): SheetRecord => ({
  schemaVersion: 1,
  apprentice: {
    id: 'ann',
    name: 'Ann',
    email: 'ann@example.com',
    startDate: '2026-01-05',
    frameworkId,
    ...(frameworkVersion ? { frameworkVersion } : {}),
    levelId: 'L1',
    coachEmails: ['coach@example.com'],
  },
  signOffs: [],
  hours: [],
  priorCredit: [],
  exams: [],
  certifications: [],
});

const state = (frameworkVersion: string): ApprenticeState => {
  const { apprentice } = sheet('acme-desk', frameworkVersion);
  return {
    exists: true,
    profile: { apprentice, priorCredit: [], exams: [], certifications: [] },
    head: GENESIS,
    signOffs: new Map(),
    hours: new Map(),
  };
};

test('the stored version stays whatever version the sync pinned before its transaction', () => {
  expect(planSync('acme', sheet('acme-desk', '1.0.0'), state('2.0.0')).profile.apprentice.frameworkVersion).toBe(
    '2.0.0',
  );
});

test('a new apprentice, or one the admin put on another framework, takes the pinned version', () => {
  const fresh: ApprenticeState = { ...state('2.0.0'), exists: false, profile: undefined };
  expect(planSync('acme', sheet('acme-desk', '1.0.0'), fresh).profile.apprentice.frameworkVersion).toBe('1.0.0');
  expect(planSync('acme', sheet('other', '3.0.0'), state('2.0.0')).profile.apprentice.frameworkVersion).toBe('3.0.0');
});
