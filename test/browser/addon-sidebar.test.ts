// The sidebar as Sheets shows it: the built Sidebar.html served locally and driven in headless Chromium
// (Debian's chromium + playwright-core) with a stubbed google.script.run.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildAddon } from '../../addon/build';

// Functions passed to page.evaluate run in the page; the server tsconfig has no DOM lib, so name what they use.
declare const window: unknown;
declare const document: { querySelector(selector: string): { textContent: string | null; value?: number } | null };
type HTMLProgressElement = { value: number };

let server: Server;
let browser: Browser;
let url = '';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'qualcard-sidebar-'));
  await buildAddon({ outDir });
  const html = readFileSync(join(outDir, 'Sidebar.html'));
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** google.script.run stub: answers from window.__answers, records calls, delays generation so the bar is seen moving. */
const STUB = `
window.__calls = [];
window.__answers = {};
window.__release = null;
function runner(ok, fail) {
  return new Proxy({}, { get(_t, name) {
    if (name === 'withSuccessHandler') return (f) => runner(f, fail);
    if (name === 'withFailureHandler') return (f) => runner(ok, f);
    return (...args) => {
      window.__calls.push({ name, args });
      const answer = window.__answers[name];
      const reply = () => { try { const v = typeof answer === 'function' ? answer(...args) : answer; ok && ok(v); } catch (e) { fail && fail(e); } };
      if (name === 'generateApprentices' && window.__holdGenerate) window.__release = reply; else setTimeout(reply, 5);
    };
  } });
}
window.google = { script: { run: runner(null, null) } };
`;

const STATE = {
  settings: { endpoint: '', sponsorId: '', frameworkIds: [] as string[] },
  available: [
    {
      id: 'nitas-help-desk',
      title: 'NITAS Help Desk',
      version: '1.0.0',
      levels: [
        { id: 'L1', title: 'Level 1' },
        { id: 'L2', title: 'Level 2' },
        { id: 'L3', title: 'Level 3' },
      ],
      items: 93,
      sponsor: false,
    },
    {
      id: 'it-support-wps',
      title: 'IT Support WPS',
      version: '1.0.0',
      levels: [{ id: 'L1', title: 'Level 1' }],
      items: 86,
      sponsor: false,
    },
  ],
  program: [] as unknown[],
  programs: [] as unknown[],
  roster: {
    exists: false,
    apprentices: [] as { id: string; name: string; frameworkId: string; levelId: string }[],
    errors: [] as string[],
  },
};
const ROSTER = ['A001', 'A002', 'A003', 'A004', 'A005'].map((id, i) => ({
  id,
  name: `Apprentice ${i + 1}`,
  frameworkId: 'nitas-help-desk',
  levelId: 'L1',
}));

const COHORT_STATE = {
  endpoint: '',
  sponsorId: '',
  rosterExists: false,
  sponsors: [] as unknown[],
  apprentices: [] as unknown[],
  refreshedAt: null as string | null,
};

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 1100 } });
  await page.addInitScript(STUB);
  await page.addInitScript(`window.__answers.getState = ${JSON.stringify(STATE)};`);
  await page.addInitScript(`window.__answers.getCohortState = ${JSON.stringify(COHORT_STATE)};`);
  await page.goto(url);
  await page.waitForSelector('#frameworks label');
  return page;
}
const calls = (page: Page): Promise<{ name: string; args: unknown[] }[]> =>
  page.evaluate(() => (window as unknown as { __calls: { name: string; args: unknown[] }[] }).__calls);

test('set-up: frameworks listed from the server, saved with the chosen ones; a server error is shown', async () => {
  const page = await open();
  expect(await page.locator('#frameworks label').allTextContents()).toEqual([
    'NITAS Help Desk (L1, L2, L3; 93 items)',
    'IT Support WPS (L1; 86 items)',
  ]);
  await page.evaluate(() => {
    (window as unknown as { __answers: Record<string, unknown> }).__answers.saveSetup = () => {
      throw new Error('Set-up not saved:\nendpoint: an https:// URL of the Qualcard functions');
    };
  });
  await page.fill('#endpoint', 'http://wrong');
  await page.fill('#sponsorId', 'acme');
  await page.check('#frameworks input[value="nitas-help-desk"]');
  await page.click('#save');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toContain('endpoint: an https:// URL');
  expect(await page.isEnabled('#save')).toBe(true);
  const saved = (await calls(page)).find((c) => c.name === 'saveSetup')!;
  expect(saved.args).toEqual([{ endpoint: 'http://wrong', sponsorId: 'acme', frameworkIds: ['nitas-help-desk'] }]);
  await page.close();
});

test('set-up: the optional work functions of each program framework, ticked as the sponsor runs them, saved', async () => {
  const page = await browser.newPage({ viewport: { width: 300, height: 1100 } });
  const programs = [
    {
      frameworkId: 'it-generalist-competencies',
      title: 'IT Generalist',
      optional: [
        { id: 'JF3', title: 'Audio/visual' },
        { id: 'JF5', title: 'Software modifications' },
        { id: 'JF6', title: 'Web content' },
      ],
      defaults: [],
      chosen: ['JF5'],
    },
  ];
  await page.addInitScript(STUB);
  await page.addInitScript(`window.__answers.getState = ${JSON.stringify({ ...STATE, programs })};`);
  // The server answers with the state as saved: the same frameworks, the chosen work functions ticked.
  await page.addInitScript(
    `window.__answers.savePrograms = (p) => ({ ...${JSON.stringify(STATE)}, programs: [{ ...${JSON.stringify(programs[0])}, chosen: p['it-generalist-competencies'].optionalWorkFunctionIds }] });`,
  );
  await page.goto(url);
  await page.waitForSelector('#programList label');
  expect(await page.isVisible('#programs')).toBe(true);
  expect(await page.textContent('#programList p')).toBe('IT Generalist (default: none)');
  expect(await page.locator('#programList label').allTextContents()).toEqual([
    'JF3: Audio/visual',
    'JF5: Software modifications',
    'JF6: Web content',
  ]);
  expect(await page.isChecked('#programList input[value="JF5"]')).toBe(true);
  await page.uncheck('#programList input[value="JF5"]');
  await page.check('#programList input[value="JF6"]');
  await page.click('#savePrograms');
  await page.waitForSelector('#message.ok');
  const saved = (await calls(page)).find((c) => c.name === 'savePrograms')!;
  expect(saved.args).toEqual([{ 'it-generalist-competencies': { optionalWorkFunctionIds: ['JF6'] } }]);
  expect(await page.isChecked('#programList input[value="JF6"]')).toBe(true);
  expect(await page.isChecked('#programList input[value="JF5"]')).toBe(false);
  await page.close();
});

test('set-up: no optional work functions section when no program framework has any', async () => {
  const page = await open();
  expect(await page.isVisible('#programs')).toBe(false);
  await page.close();
});

test('generate: chunks of apprentices with a moving progress bar, then Confirm my ticks, sign-off and Check progress; screenshot kept', async () => {
  const page = await open();
  await page.evaluate((roster) => {
    const w = window as unknown as { __answers: Record<string, unknown>; __holdGenerate: boolean };
    const state = { ...(w.__answers.getState as object), roster: { exists: true, apprentices: roster, errors: [] } };
    w.__answers.getState = state;
    w.__answers.createRoster = { created: true, name: 'Roster' };
    w.__answers.generateApprentices = (ids: string[]) =>
      ids.map((id) => ({
        apprenticeId: id,
        name: roster.find((r) => r.id === id)!.name,
        qualCard: `Qual card · ${id}`,
        regenerated: id === 'A002',
        archived: id === 'A002' ? 1 : 0,
      }));
    w.__answers.signOffSelection = {
      signed: ['HD1.1.1', 'HD1.1.2'],
      alreadySigned: [],
      coachEmail: 'coach@example.com',
      date: '2026-04-02',
      percent: 42.5,
    };
    w.__answers.confirmMyTicks = {
      by: 'coach@example.com',
      apprentices: 3,
      confirmed: { signOffs: 7, hours: 12, priorCredit: 0, exams: 0, certifications: 0 },
      already: 0,
      skipped: { otherSigner: 2, noDate: 1, noEvidence: 0, flagged: 0 },
      notes: [
        'A002 HD1.1.1: signed by lead@example.com',
        'A002 HD1.2.1: signed by lead@example.com',
        'A003 HD1.1.2: no date',
      ],
      missing: [],
    };
    w.__answers.recordResults = {
      by: 'admin@example.com',
      apprentices: 5,
      confirmed: { signOffs: 0, hours: 0, priorCredit: 2, exams: 3, certifications: 1 },
      already: 1,
      skipped: { otherSigner: 0, noDate: 0, noEvidence: 2, flagged: 0 },
      notes: ['A004 comptia-a-plus: no evidence (type the certificate or transcript number)'],
      missing: [],
    };
    w.__answers.checkProgress = {
      apprentices: 5,
      synced: true,
      asOf: '2026-04-02',
      gaps: 31,
      pending: 4,
      missing: [],
    };
    w.__holdGenerate = true;
  }, ROSTER);
  await page.click('#createRoster');
  await page.waitForFunction(() => document.querySelector('#rosterStatus')!.textContent!.includes('5 apprentice(s)'));
  await page.click('#generate');
  const release = async (): Promise<void> => {
    await page.waitForFunction(() => (window as unknown as { __release: unknown }).__release !== null);
    await page.evaluate(() => {
      const w = window as unknown as { __release: (() => void) | null };
      const r = w.__release!;
      w.__release = null;
      r();
    });
  };
  await release();
  await page.waitForFunction(() => (document.querySelector('#progress') as HTMLProgressElement).value === 2);
  expect(await page.getAttribute('#progress', 'max')).toBe('5');
  expect(await page.textContent('#progressText')).toBe('Generating 3–4 of 5…');
  await release();
  await release();
  await page.waitForSelector('#message.ok');
  expect(await page.evaluate(() => (document.querySelector('#progress') as HTMLProgressElement).value)).toBe(5);
  expect(await page.textContent('#progressText')).toBe('Done: 5 of 5.');
  expect(await page.locator('#generated li').allTextContents()).toContain(
    'Apprentice 2: regenerated, 1 archived row(s) kept',
  );
  expect((await calls(page)).filter((c) => c.name === 'generateApprentices').map((c) => c.args[0])).toEqual([
    ['A001', 'A002'],
    ['A003', 'A004'],
    ['A005'],
  ]);

  await page.click('#confirmTicks');
  await page.waitForFunction(() => document.querySelector('#confirmResult')!.textContent !== '');
  expect(await page.textContent('#confirmResult')).toBe(
    'As coach@example.com, for 3 apprentice(s): confirmed 7 tick(s) and 12 hours row(s); skipped 3: 2 signed by someone else (only they can confirm them), 1 without a date.',
  );
  expect(await page.locator('#confirmNotes li').allTextContents()).toContain('A003 HD1.1.2: no date');
  await page.click('#signOff');
  await page.waitForFunction(() => document.querySelector('#signResult')!.textContent !== '');
  expect(await page.textContent('#signResult')).toBe(
    'Signed 2 item(s) as coach@example.com on 2026-04-02. Target level now 42.5%.',
  );
  await page.click('#resultsPanel summary');
  await page.click('#recordResults');
  await page.waitForFunction(() => document.querySelector('#resultsResult')!.textContent !== '');
  expect(await page.textContent('#resultsResult')).toBe(
    'As admin@example.com, for 5 apprentice(s): confirmed 2 prior-credit row(s) and 3 exam result(s) and 1 certification(s), 1 already confirmed; skipped 2: 2 without evidence.',
  );
  await page.click('#check');
  await page.waitForFunction(() => document.querySelector('#checkResult')!.textContent !== '');
  expect(await page.textContent('#checkResult')).toContain(
    '5 apprentice(s) synced as of 2026-04-02: 31 gap(s), 4 entries pending confirmation',
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'addon-sidebar.png'), fullPage: true });
  await page.close();
}, 60_000);

test('errors from the server reach the person: a sign-off or confirmation refusal and a failed generation stop and say why', async () => {
  const page = await open();
  await page.evaluate((roster) => {
    const w = window as unknown as { __answers: Record<string, unknown> };
    w.__answers.getState = {
      ...(w.__answers.getState as object),
      roster: { exists: true, apprentices: roster, errors: [] },
    };
    w.__answers.signOffSelection = () => {
      throw new Error('Sign off: the selection holds no item rows; select the rows of the items to sign');
    };
    w.__answers.confirmMyTicks = () => {
      throw new Error('Confirm my ticks: stranger@example.com is not a coach of any apprentice on the roster');
    };
    w.__answers.generateApprentices = (ids: string[]) => {
      if (ids.includes('A003')) throw new Error('Generate A003: could not write "Qual card · A003"');
      return ids.map((id) => ({ apprenticeId: id, name: id, qualCard: id, regenerated: false, archived: 0 }));
    };
  }, ROSTER);
  await page.click('#signOff');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toBe(
    'Sign off: the selection holds no item rows; select the rows of the items to sign',
  );
  await page.click('#confirmTicks');
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('Confirm my ticks'));
  expect(await page.textContent('#message')).toBe(
    'Confirm my ticks: stranger@example.com is not a coach of any apprentice on the roster',
  );
  expect(await page.isEnabled('#confirmTicks')).toBe(true);
  await page.click('#generate');
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('Generate A003'));
  expect(await page.evaluate(() => (document.querySelector('#progress') as HTMLProgressElement).value)).toBe(2);
  expect((await calls(page)).filter((c) => c.name === 'generateApprentices')).toHaveLength(2); // stopped at the failure
  await page.close();
}, 60_000);

test('consultant: Refresh cohort, then the cohort report for the ticked sponsors and a transcript are downloaded as files', async () => {
  const page = await open();
  expect(await page.getAttribute('#consultantPanel', 'open')).not.toBeNull(); // no roster, no sponsor: a consultant's
  const refreshed = {
    ...COHORT_STATE,
    endpoint: 'https://us-central1-demo.cloudfunctions.net/api',
    sponsors: [
      { id: 'acme', name: 'Acme IT', role: 'consultant' },
      { id: 'globex', name: 'Globex', role: 'consultant' },
      { id: 'initech', name: 'Initech', role: 'admin' },
    ],
    apprentices: [
      { sponsorId: 'acme', sponsorName: 'Acme IT', id: 'ann', name: 'Ann' },
      { sponsorId: 'globex', sponsorName: 'Globex', id: 'gus', name: 'Gus' },
    ],
    refreshedAt: '2026-06-30T10:00:00.000Z',
  };
  // "PK" and bytes over 127: what arrives is what the server sent, byte for byte.
  const bytes = [80, 75, 3, 4, 0, 255, 128, 10];
  const base64 = Buffer.from(bytes).toString('base64');
  await page.evaluate(
    ({ refreshed, base64, n }) => {
      const w = window as unknown as { __answers: Record<string, unknown> };
      w.__answers.refreshCohort = {
        sponsors: 3,
        apprentices: 2,
        gaps: 41,
        pages: 1,
        cutShort: 1,
        refreshedAt: refreshed.refreshedAt,
        state: refreshed,
      };
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      w.__answers.downloadCohortReport = () => ({
        filename: 'cohort-report-2026-06-30.xlsx',
        contentType: xlsx,
        base64,
        bytes: n,
      });
      w.__answers.downloadTranscript = () => ({
        filename: 'transcript-gus-v1.xlsx',
        contentType: xlsx,
        base64,
        bytes: n,
      });
    },
    { refreshed, base64, n: bytes.length },
  );
  await page.click('#refreshCohort');
  await page.waitForSelector('#message.ok');
  expect(await page.textContent('#cohortResult')).toBe(
    'Refreshed 2026-06-30T10:00:00.000Z: 3 sponsor(s), 2 apprentice(s) on the Cohort sheet, 41 row(s) on the Gaps sheet (1 apprentice(s) with more gaps than stored: see their transcripts).',
  );
  expect(await page.locator('#reportSponsors label').allTextContents()).toEqual([
    'Acme IT (acme, consultant)',
    'Globex (globex, consultant)',
    'Initech (initech, admin)',
  ]);
  await page.check('#reportSponsors input[value="acme"]');
  await page.check('#reportSponsors input[value="globex"]');
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#cohortReport')]);
  expect(report.suggestedFilename()).toBe('cohort-report-2026-06-30.xlsx');
  expect([...readFileSync((await report.path())!)]).toEqual(bytes);
  await page.selectOption('#cohortApprentice', 'globex/gus');
  const [transcript] = await Promise.all([page.waitForEvent('download'), page.click('#cohortTranscript')]);
  expect(transcript.suggestedFilename()).toBe('transcript-gus-v1.xlsx');
  expect(await page.textContent('#cohortLink')).toBe('Download transcript-gus-v1.xlsx (1 KB)');
  const asked = (await calls(page)).filter((c) => c.name.startsWith('download')).map((c) => [c.name, c.args]);
  expect(asked).toEqual([
    ['downloadCohortReport', [['acme', 'globex']]],
    ['downloadTranscript', ['globex', 'gus']],
  ]);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'addon-sidebar-consultant.png'), fullPage: true });
  await page.close();
}, 60_000);

test("a sponsor admin's sidebar downloads its own sponsor's cohort report", async () => {
  const page = await open();
  await page.evaluate(() => {
    const w = window as unknown as { __answers: Record<string, unknown> };
    w.__answers.downloadCohortReport = () => ({
      filename: 'cohort-report-acme.xlsx',
      contentType: 'application/x',
      base64: 'UEsDBA==',
      bytes: 4,
    });
  });
  await page.fill('#sponsorId', 'acme');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#sponsorReport')]);
  expect(file.suggestedFilename()).toBe('cohort-report-acme.xlsx');
  expect((await calls(page)).find((c) => c.name === 'downloadCohortReport')!.args).toEqual([['acme']]);
  await page.close();
}, 60_000);

test('publish framework says created or refused; moving apprentices shows the diff and applies only after the admin confirms', async () => {
  const page = await open();
  await page.evaluate(() => {
    const w = window as unknown as { __answers: Record<string, unknown> };
    w.__answers.publishFramework = {
      frameworkId: 'acme-desk',
      version: '1.0.0',
      outcome: 'conflict',
      message:
        'Not published: Qualcard service error 409: framework.version: acme-desk version "1.0.0" was published with other content',
    };
    const diff = {
      frameworkId: 'acme-desk',
      toVersion: '2.0.0',
      apprentices: [
        {
          apprenticeId: 'A001',
          fromVersion: '1.0.0',
          itemsAdded: ['A4'],
          itemsArchived: [{ itemId: 'A3', signed: true }],
          levelsRemoved: [],
        },
      ],
    };
    w.__answers.previewMigration = { ...diff, applied: false };
    w.__answers.applyMigration = { ...diff, applied: true };
  });
  await page.click('#publishFramework');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toContain('409: framework.version: acme-desk version "1.0.0"');
  expect(await page.textContent('#publishResult')).toContain('Not published');

  expect(await page.isHidden('#applyMigration')).toBe(true);
  await page.fill('#migrateVersion', '2.0.0');
  await page.click('#previewMigration');
  await page.waitForSelector('#migrationDiff li');
  expect(await page.locator('#migrationDiff li').allTextContents()).toEqual([
    'A001: 1.0.0 → 2.0.0: adds A4; archives A3 (signed: kept, archived)',
  ]);
  expect((await calls(page)).map((c) => c.name)).not.toContain('applyMigration'); // nothing moved yet
  await page.click('#applyMigration');
  await page.waitForSelector('#message.ok');
  expect(await page.textContent('#message')).toBe('Moved 1 apprentice(s) to 2.0.0; generate their sheets again.');
  const sent = (await calls(page)).filter((c) => c.name.endsWith('Migration'));
  expect(sent).toEqual([
    { name: 'previewMigration', args: [{ toVersion: '2.0.0' }] },
    { name: 'applyMigration', args: [{ toVersion: '2.0.0', apprenticeIds: ['A001'] }] },
  ]);
  expect(await page.isHidden('#applyMigration')).toBe(true);
  await page.close();
}, 60_000);

test('wage steps: create the Wage schedule sheet; record a raise sends the form and shows the answer or the refusal', async () => {
  const page = await open();
  await page.evaluate(() => {
    const w = window as unknown as { __answers: Record<string, unknown> };
    w.__answers.createWageSchedule = { created: true, name: 'Wage schedule' };
    w.__answers.recordRaise = (input: { step: number }) => {
      if (input.step === 3) throw new Error('step: the apprentice is not eligible for step 3 (reached: step 2)');
      return {
        apprenticeId: 'A001',
        step: 2,
        effectiveDate: '2026-04-02',
        wage: 'Step 2; next: step 3 after Level 2 complete',
      };
    };
  });
  await page.click('#wagePanel summary');
  await page.click('#createWageSchedule');
  await page.waitForFunction(() => document.querySelector('#message')!.textContent!.includes('Wage schedule'));
  await page.fill('#raiseApprentice', ' A001 ');
  await page.fill('#raiseStep', '3');
  await page.fill('#raiseDate', '2026-04-02');
  await page.click('#recordRaise');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toBe('step: the apprentice is not eligible for step 3 (reached: step 2)');
  await page.fill('#raiseStep', '2');
  await page.fill('#raiseNote', 'Annual review');
  await page.click('#recordRaise');
  await page.waitForSelector('#message.ok');
  expect(await page.textContent('#raiseResult')).toBe(
    'A001: raised to step 2 from 2026-04-02. Step 2; next: step 3 after Level 2 complete',
  );
  expect((await calls(page)).filter((c) => c.name === 'recordRaise').map((c) => c.args[0])).toEqual([
    { apprenticeId: 'A001', step: 3, effectiveDate: '2026-04-02', note: '' },
    { apprenticeId: 'A001', step: 2, effectiveDate: '2026-04-02', note: 'Annual review' },
  ]);
  await page.close();
});

test('Credentials: each completed level is a .jwt download with its status', async () => {
  const page = await browser.newPage({ viewport: { width: 300, height: 1100 } });
  await page.addInitScript(STUB);
  const state = { ...STATE, roster: { exists: true, apprentices: ROSTER, errors: [] } };
  await page.addInitScript(`window.__answers.getState = ${JSON.stringify(state)};`);
  await page.addInitScript(`window.__answers.getCohortState = ${JSON.stringify(COHORT_STATE)};`);
  await page.goto(url);
  await page.waitForSelector('#transcriptFor option', { state: 'attached' });
  await page.evaluate(() => {
    const w = window as unknown as { __answers: Record<string, unknown> };
    w.__answers.credentialFiles = () => [
      {
        fileName: 'credential-A001-L1.jwt',
        contentType: 'application/jwt',
        jwt: 'aaa.bbb.ccc',
        name: 'NITAS Help Desk: Level 1',
        status: 'issued 2026-06-01',
      },
      {
        fileName: 'credential-A001-L2.jwt',
        contentType: 'application/jwt',
        jwt: 'ddd.eee.fff',
        name: 'NITAS Help Desk: Level 2',
        status: 'revoked: entries withdrawn',
      },
    ];
  });
  await page.click('#credentials');
  await page.waitForSelector('#credentialLinks li');
  const lines = await page.locator('#credentialLinks li').allTextContents();
  expect(lines).toEqual([
    'NITAS Help Desk: Level 1 (issued 2026-06-01)',
    'NITAS Help Desk: Level 2 (revoked: entries withdrawn)',
  ]);
  expect((await calls(page)).find((c) => c.name === 'credentialFiles')!.args).toEqual(['A001']);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#credentialLinks a >> nth=0')]);
  expect(file.suggestedFilename()).toBe('credential-A001-L1.jwt');
  expect(readFileSync((await file.path())!, 'utf8')).toBe('aaa.bbb.ccc');
  await page.close();
}, 60_000);
