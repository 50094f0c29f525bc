// The built Sidebar.html in headless Chromium (Debian's chromium + playwright-core) with a stubbed google.script.run,
// and sample answers for each screen: shared by the browser test and scripts/screenshots.ts (the role guides' images).
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildAddon } from '../../addon/build';
import type { Screen } from '../../addon/sidebar/homes';
import { noAccessMessage, offlineMessage } from '../../addon/src/home-rules';
import type {
  ApprenticeHome,
  CoachHome,
  CohortState,
  DigestForm,
  Home,
  MembersResult,
  State,
  WithdrawResult,
} from '../../addon/src/sidebar-api';

/** The sidebar's width in Sheets, and a laptop's first screen under the Sheets chrome. */
export const VIEWPORT = { width: 300, height: 720 };

/**
 * google.script.run stub: answers from window.__answers (a value, or a function of the arguments that may throw),
 * records calls in window.__calls. A function named in window.__hold waits: window.__release() answers the oldest.
 */
export const STUB = `
window.__calls = [];
window.__answers = window.__answers || {};
window.__hold = {};
window.__held = [];
window.__release = () => { const r = window.__held.shift(); if (r) r(); return !!r; };
function runner(ok, fail) {
  return new Proxy({}, { get(_t, name) {
    if (name === 'withSuccessHandler') return (f) => runner(f, fail);
    if (name === 'withFailureHandler') return (f) => runner(ok, f);
    return (...args) => {
      window.__calls.push({ name, args });
      const answer = window.__answers[name];
      const reply = () => {
        try {
          if (answer === undefined) throw new Error(name + ': no answer in the stub');
          const v = typeof answer === 'function' ? answer(...args) : answer;
          ok && ok(v);
        } catch (e) { fail && fail(e); }
      };
      if (window.__hold[name]) window.__held.push(reply); else setTimeout(reply, 5);
    };
  } });
}
window.google = { script: { run: runner(null, null) } };
`;

export const ENDPOINT = 'https://us-central1-acme-qualcard.cloudfunctions.net/api';

const NITAS = {
  id: 'nitas-help-desk',
  title: 'NITAS Help Desk',
  version: '1.1.0',
  levels: [
    { id: 'L1', title: 'Level 1', standard: 'performed unaided twice, observed by the coach' },
    { id: 'L2', title: 'Level 2' },
    { id: 'L3', title: 'Level 3' },
  ],
  items: 93,
  sponsor: false,
};
const WPS = {
  id: 'it-support-wps',
  title: 'IT Support WPS',
  version: '1.0.0',
  levels: [{ id: 'L1', title: 'Level 1' }],
  items: 86,
  sponsor: false,
};
export const ROSTER = ['Ann Lee', 'Bo Diaz', 'Cy Park', 'Di Shah', 'Ed Moss'].map((name, i) => ({
  id: `A00${i + 1}`,
  name,
  frameworkId: 'nitas-help-desk',
  levelId: 'L1',
}));

export const STATE: State = {
  settings: { endpoint: ENDPOINT, sponsorId: 'acme', frameworkIds: ['nitas-help-desk'] },
  available: [NITAS, WPS],
  program: [NITAS],
  programs: [],
  roster: { exists: true, apprentices: ROSTER, errors: [] },
};
/** The spreadsheet before set-up: no sponsor, no roster. */
export const FIRST_STATE: State = {
  ...STATE,
  settings: { endpoint: ENDPOINT, sponsorId: '', frameworkIds: [] },
  program: [],
  roster: { exists: false, apprentices: [], errors: [] },
};

const ADMIN_HOME: Home = {
  stage: 'home',
  email: 'pat@acme.example',
  endpoint: ENDPOINT,
  sponsorId: 'acme',
  sponsorName: 'Acme IT',
  roles: ['admin'],
  role: 'admin',
  adminOf: [
    { id: 'acme', name: 'Acme IT' },
    { id: 'acme-east', name: 'Acme IT East' },
  ],
};
export const HOMES_BY_SCREEN: Record<Screen, Home> = {
  connect: {
    ...ADMIN_HOME,
    stage: 'connect',
    email: '',
    endpoint: '',
    sponsorId: '',
    sponsorName: '',
    roles: [],
    role: null,
    adminOf: [],
  },
  setup: { ...ADMIN_HOME, stage: 'setup', sponsorId: '', sponsorName: '', roles: [], role: null },
  admin: ADMIN_HOME,
  coach: { ...ADMIN_HOME, email: 'sam@acme.example', roles: ['coach'], role: 'coach', adminOf: [] },
  consultant: {
    ...ADMIN_HOME,
    email: 'kim@skills.example',
    sponsorId: '',
    sponsorName: '',
    roles: ['consultant'],
    role: 'consultant',
    adminOf: [],
  },
  apprentice: {
    ...ADMIN_HOME,
    email: 'ann@acme.example',
    roles: ['apprentice'],
    role: 'apprentice',
    apprenticeId: 'A001',
    adminOf: [],
  },
  'no-access': {
    ...ADMIN_HOME,
    stage: 'no-access',
    email: 'lee@gmail.example',
    roles: [],
    role: null,
    adminOf: [],
    message: noAccessMessage('lee@gmail.example', 'acme'),
  },
  offline: {
    ...ADMIN_HOME,
    stage: 'offline',
    roles: [],
    role: null,
    message: offlineMessage(
      ENDPOINT,
      "HTTP 503 from the server (not the API's JSON error; the Qualcard service did not answer itself: unavailable, overloaded or timed out, try again later)",
    ),
  },
};

export const MEMBERS: MembersResult = {
  members: [
    { email: 'pat@acme.example', role: 'admin' },
    { email: 'sam@acme.example', role: 'coach' },
    { email: 'kim@skills.example', role: 'consultant' },
    { email: 'ann@acme.example', role: 'apprentice', apprenticeId: 'A001' },
  ],
  message: '',
};
export const DIGEST: DigestForm = {
  enabled: true,
  weekday: 1,
  sheetUrl: 'https://docs.google.com/spreadsheets/d/acme',
  apprentices: false,
};
export const COACH_HOME: CoachHome = {
  coachEmail: 'sam@acme.example',
  apprentices: [
    { id: 'A001', name: 'Ann Lee', ticksToConfirm: 12, hoursToVerify: 3, changedSinceConfirmed: 1 },
    { id: 'A002', name: 'Bo Diaz', ticksToConfirm: 4, hoursToVerify: 0, changedSinceConfirmed: 0 },
    { id: 'A003', name: 'Cy Park', ticksToConfirm: 0, hoursToVerify: 0, changedSinceConfirmed: 0 },
  ],
  requests: [
    {
      requestId: 'r1',
      apprenticeId: 'A001',
      apprenticeName: 'Ann Lee',
      createdAt: '2026-12-04T15:02:00.000Z',
      entries: ['HD1.2.3 Reset a password', 'Hours 2026-12-03 (6 h)'],
      note: 'Tuesday install',
    },
  ],
};
export const APPRENTICE_HOME: ApprenticeHome = {
  apprenticeId: 'A001',
  name: 'Ann Lee',
  asOf: '2026-12-07',
  levels: [
    { levelId: 'L1', title: 'Level 1', percent: 100, complete: true },
    { levelId: 'L2', title: 'Level 2', percent: 46, complete: false },
    { levelId: 'L3', title: 'Level 3', percent: 5, complete: false },
  ],
  gaps: ['HD2.1.4 Image a laptop', 'HD2.3.1 Escalate a P1 incident', 'HD2.4.2 Document a fix in the KB'],
  pending: ['3 ticks on your qual card', '2 hours rows (11 h)'],
  requests: [
    { requestId: 'r1', createdAt: '2026-12-04T15:02:00.000Z', entries: ['HD1.2.3', 'hours 2026-12-03'], open: 2 },
  ],
  sheets: { qualCard: 'Qual card · A001', hours: 'Hours · A001' },
};
export const COHORT_STATE: CohortState = {
  endpoint: ENDPOINT,
  sponsorId: '',
  rosterExists: false,
  sponsors: [
    { id: 'acme', name: 'Acme IT', role: 'consultant' },
    { id: 'globex', name: 'Globex', role: 'consultant' },
  ],
  apprentices: [
    { sponsorId: 'acme', sponsorName: 'Acme IT', id: 'A001', name: 'Ann Lee' },
    { sponsorId: 'globex', sponsorName: 'Globex', id: 'G001', name: 'Gus Ray' },
  ],
  refreshedAt: '2026-12-07T09:00:00.000Z',
};

/** "Withdraw selected confirmations" as the server answers it: what was withdrawn, and what was left. */
export const WITHDRAW_RESULT: WithdrawResult = {
  apprenticeId: 'A001',
  withdrawn: { signOffs: 2, hours: 1, priorCredit: 0, exams: 0, certifications: 0 },
  message: 'Withdrew 2 signOffs, 1 hours of A001: pending again. 1 selected row(s) not confirmed.',
};

/** What the server answers when the sidebar opens on a screen (actions' answers are set by each test). */
export function answersFor(screen: Screen): Record<string, unknown> {
  return {
    getHome: HOMES_BY_SCREEN[screen],
    getState: screen === 'setup' ? FIRST_STATE : STATE,
    listMembers: MEMBERS,
    getDigest: DIGEST,
    coachHome: COACH_HOME,
    apprenticeHome: APPRENTICE_HOME,
    getCohortState: COHORT_STATE,
  };
}

/** The main action of each role's home: it must be on the first screen. */
export const MAIN_ACTION = {
  admin: { id: 'generate', text: 'Generate for the roster' },
  coach: { id: 'confirmTicks', text: 'Confirm my ticks' },
  consultant: { id: 'refreshCohort', text: 'Refresh cohort' },
  apprentice: { id: 'ask', text: 'Ask my coach to confirm' },
} as const;

/** Builds the add-on (not for pushing) and serves its Sidebar.html on a local port. */
export async function serveSidebar(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'qualcard-sidebar-'));
  await buildAddon({ outDir });
  const html = readFileSync(join(outDir, 'Sidebar.html'));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });

/**
 * Opens the sidebar on a screen with the stub answering `answers` (over the screen's own) and waits until the home
 * has loaded (its sections shown, the page's "Loading…" gone).
 */
export async function openSidebar(
  browser: Browser,
  url: string,
  screen: Screen,
  answers: Record<string, unknown> = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript(`window.__answers = ${JSON.stringify({ ...answersFor(screen), ...answers })};`);
  await page.addInitScript(STUB);
  await page.goto(url);
  await page.waitForSelector(`body[data-screen="${screen}"]`);
  await page.waitForFunction(() => !document.querySelector('.status.busy'));
  return page;
}

// Functions passed to page.evaluate run in the page; the server tsconfig has no DOM lib, so name what they use.
declare const document: { querySelector(selector: string): unknown };
