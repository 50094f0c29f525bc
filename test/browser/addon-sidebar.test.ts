// The sidebar as Sheets shows it: the built Sidebar.html in headless Chromium at 300x720 with a stubbed
// google.script.run (./sidebar-stub.ts, shared with scripts/screenshots.ts). One home per role, each with its main
// action on the first screen; every action's status line beside its button.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HOMES, type Screen } from '../../addon/sidebar/homes';
import { HOME_ROLES } from '../../addon/src/sidebar-api';
import {
  COHORT_STATE,
  FIRST_STATE,
  HOMES_BY_SCREEN,
  launchChromium,
  MAIN_ACTION,
  MEMBERS,
  openSidebar,
  ROSTER,
  STATE,
  serveSidebar,
  VIEWPORT,
  WITHDRAW_RESULT,
} from './sidebar-stub';

// Functions passed to page.evaluate run in the page; the server tsconfig has no DOM lib, so name what they use.
declare const window: unknown;
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
type HTMLProgressElement = { value: number };

type Stubbed = { __answers: Record<string, unknown>; __hold: Record<string, boolean>; __release: () => boolean };

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

beforeAll(async () => {
  site = await serveSidebar();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const open = (screen: Screen, answers: Record<string, unknown> = {}): Promise<Page> =>
  openSidebar(browser, site.url, screen, answers);
const calls = (page: Page): Promise<{ name: string; args: unknown[] }[]> =>
  page.evaluate(() => (window as unknown as { __calls: { name: string; args: unknown[] }[] }).__calls);
/** The status line beside a button. */
const status = (id: string): string => `#${id} + .status`;
const release = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => (window as unknown as { __held: unknown[] }).__held.length > 0);
  await page.evaluate(() => (window as unknown as Stubbed).__release());
};

/** Every section of the page that is not this screen's must be out of view. */
async function otherSectionsHidden(page: Page, screen: Screen): Promise<void> {
  const others = [...new Set(Object.values(HOMES).flat())].filter((id) => !HOMES[screen].includes(id));
  for (const id of others) expect([id, await page.isVisible(`#${id}`)]).toEqual([id, false]);
  for (const id of HOMES[screen]) expect([id, await page.isVisible(`#${id}`)]).toEqual([id, true]);
}

describe.each(HOME_ROLES)('the %s home', (role) => {
  test('opens with its main action on the first screen, and nothing of another role', async () => {
    const page = await open(role);
    const main = MAIN_ACTION[role];
    const button = page.getByRole('button', { name: main.text, exact: true });
    expect(await button.getAttribute('id')).toBe(main.id);
    const box = (await button.boundingBox())!;
    console.log(
      `${role}: "${main.text}" at y=${Math.round(box.y)}..${Math.round(box.y + box.height)} of ${VIEWPORT.height}`,
    );
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    await otherSectionsHidden(page, role);
    // The other homes' main actions are nowhere to be seen.
    for (const other of HOME_ROLES.filter((r) => r !== role))
      expect(await page.isVisible(`#${MAIN_ACTION[other].id}`)).toBe(false);
    expect(await page.isVisible('#switcher')).toBe(false); // one role: no switcher
    await page.close();
  }, 30_000);
});

test('several roles: "Viewing as" switches the home through chooseRole', async () => {
  const home = { ...HOMES_BY_SCREEN.admin, roles: ['admin', 'coach'] };
  const page = await open('admin', { getHome: home });
  await page.evaluate((h) => {
    (window as unknown as Stubbed).__answers.chooseRole = (role: string) => ({ ...h, role });
  }, home);
  expect(await page.isVisible('#switcher')).toBe(true);
  expect(await page.locator('#viewAs option').allTextContents()).toEqual(['Admin', 'Coach']);
  expect(await page.inputValue('#viewAs')).toBe('admin');
  await page.getByLabel('Viewing as').selectOption('coach');
  await page.waitForSelector('body[data-screen="coach"]');
  await page.waitForSelector('#waiting li');
  await otherSectionsHidden(page, 'coach');
  expect((await calls(page)).filter((c) => c.name === 'chooseRole').map((c) => c.args)).toEqual([['coach']]);
  await page.close();
}, 30_000);

test('no access: the service\'s message and what to do, and "Check again" asks once more', async () => {
  const page = await open('no-access');
  expect(await page.textContent('#noAccessMessage')).toBe(HOMES_BY_SCREEN['no-access'].message);
  expect(await page.isVisible("text=Ask your program's admin to add your Google account")).toBe(true);
  await otherSectionsHidden(page, 'no-access');
  await page.click('#noAccessRetry');
  await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.length >= 2);
  expect((await calls(page)).map((c) => c.name)).toEqual(['getHome', 'getHome']);
  await page.close();
}, 30_000);

test('offline: the message, and a corrected endpoint connects', async () => {
  const page = await open('offline', { connect: HOMES_BY_SCREEN.admin });
  expect(await page.textContent('#offlineMessage')).toContain('HTTP 503');
  await page.fill('#offlineEndpoint', 'https://us-central1-acme-2.cloudfunctions.net/api');
  await page.click('#offlineConnect');
  await page.waitForSelector('body[data-screen="admin"]');
  expect((await calls(page)).find((c) => c.name === 'connect')!.args).toEqual([
    'https://us-central1-acme-2.cloudfunctions.net/api',
  ]);
  await page.close();
}, 30_000);

test('first run: connect explains, refuses an empty address beside the button, then connects to the set-up', async () => {
  const page = await open('connect', { connect: HOMES_BY_SCREEN.setup });
  await otherSectionsHidden(page, 'connect');
  await page.click('#connectButton');
  await page.waitForSelector(`${status('connectButton')}.error`);
  expect(await page.textContent(status('connectButton'))).toContain('Paste the Qualcard endpoint first');
  expect((await calls(page)).map((c) => c.name)).toEqual(['getHome']);
  await page
    .getByLabel('Qualcard endpoint')
    .filter({ visible: true })
    .fill(' https://us-central1-acme.cloudfunctions.net/api ');
  await page.click('#connectButton');
  await page.waitForSelector('body[data-screen="setup"]');
  expect((await calls(page)).find((c) => c.name === 'connect')!.args).toEqual([
    'https://us-central1-acme.cloudfunctions.net/api',
  ]);
  await page.close();
}, 30_000);

test("set-up: the admin's sponsors and the frameworks; a refusal beside Save set-up; saved, the admin home opens", async () => {
  const page = await open('setup');
  await otherSectionsHidden(page, 'setup');
  expect(await page.isVisible('#ownFramework')).toBe(false); // the first run asks only what set-up needs
  expect(await page.locator('#sponsorId option').allTextContents()).toEqual([
    'Acme IT (acme)',
    'Acme IT East (acme-east)',
  ]);
  expect(await page.locator('#frameworks label').allTextContents()).toEqual([
    'NITAS Help Desk (L1, L2, L3; 93 items)',
    'IT Support WPS (L1; 86 items)',
  ]);
  await page.evaluate(() => {
    (window as unknown as Stubbed).__answers.saveSetup = () => {
      throw new Error('Set-up not saved: frameworkIds: choose at least one framework');
    };
  });
  await page.click('#save');
  await page.waitForSelector(`${status('save')}.error`);
  expect(await page.textContent(status('save'))).toBe('Set-up not saved: frameworkIds: choose at least one framework');
  expect(await page.isEnabled('#save')).toBe(true);
  await page.evaluate(
    ({ state, home }) => {
      const w = window as unknown as Stubbed;
      w.__answers.saveSetup = state;
      w.__answers.getHome = home;
    },
    { state: STATE, home: HOMES_BY_SCREEN.admin },
  );
  await page.selectOption('#sponsorId', 'acme-east');
  await page.check('#frameworks input[value="nitas-help-desk"]');
  await page.click('#save');
  await page.waitForSelector('body[data-screen="admin"]');
  const saved = (await calls(page)).filter((c) => c.name === 'saveSetup').map((c) => c.args[0]);
  expect(saved[1]).toEqual({
    endpoint: FIRST_STATE.settings.endpoint,
    sponsorId: 'acme-east',
    frameworkIds: ['nitas-help-desk'],
  });
  expect(await page.getAttribute('#setup', 'open')).toBeNull(); // the admin home keeps the set-up last, collapsed
  expect(await page.textContent('#homeStatus')).toContain('Set-up saved. Next: create the roster');
  await page.close();
}, 30_000);

test("a coach's home offers no set-up: no Save set-up, no endpoint, nothing of the admin's", async () => {
  const page = await open('coach');
  expect(await page.getByRole('button', { name: 'Save set-up' }).filter({ visible: true }).count()).toBe(0);
  expect(await page.getByLabel('Qualcard endpoint').filter({ visible: true }).count()).toBe(0);
  for (const text of ['Generate for the roster', 'Record results', 'Members', 'Program set-up'])
    expect([text, await page.getByText(text, { exact: true }).isVisible()]).toEqual([text, false]);
  expect(await page.locator('#waiting li').allTextContents()).toEqual([
    'Ann Lee: 12 tick(s) to confirm, 3 hours row(s) to verify, 1 confirmed row(s) changed or deleted on the sheet (confirm or withdraw)',
    'Bo Diaz: 4 tick(s) to confirm',
  ]);
  expect(await page.isVisible('#requestsTitle')).toBe(true);
  expect(await page.locator('#requests li').allTextContents()).toEqual([
    'Ann Lee asked on 2026-12-04: HD1.2.3 Reset a password; Hours 2026-12-03 (6 h) (“Tuesday install”)',
  ]);
  expect(await page.locator('#coachStandards li').first().textContent()).toBe(
    'NITAS Help Desk, Level 1: performed unaided twice, observed by the coach',
  );
  expect(await page.locator('#transcriptFor option').allTextContents()).toEqual([
    'Ann Lee (A001)',
    'Bo Diaz (A002)',
    'Cy Park (A003)',
  ]);
  await page.close();
}, 30_000);

test('a long action: "Working…" with a spinner and the button disabled while the server holds the answer, then what changed', async () => {
  const page = await open('coach', {
    confirmMyTicks: {
      by: 'sam@acme.example',
      apprentices: 3,
      confirmed: { signOffs: 12, hours: 3, priorCredit: 0, exams: 0, certifications: 0 },
      already: 0,
      skipped: { otherSigner: 2, noDate: 0, noEvidence: 0, flagged: 0 },
      notes: ['A002 HD1.1.1: signed by lead@acme.example'],
      missing: [],
    },
  });
  await page.evaluate(() => {
    (window as unknown as Stubbed).__hold.confirmMyTicks = true;
  });
  await page.click('#confirmTicks');
  await page.waitForSelector(`${status('confirmTicks')}.busy .spinner`);
  expect(await page.textContent(status('confirmTicks'))).toBe('Working…');
  expect(await page.isDisabled('#confirmTicks')).toBe(true);
  await release(page);
  await page.waitForSelector(`${status('confirmTicks')}.ok`);
  expect(await page.textContent(status('confirmTicks'))).toBe(
    'Confirmed 12 tick(s) and 3 hours row(s) for 3 apprentice(s) as sam@acme.example; skipped 2: 2 signed by someone else (only they can confirm them).',
  );
  expect(await page.locator('#confirmNotes li').allTextContents()).toEqual([
    'A002 HD1.1.1: signed by lead@acme.example',
  ]);
  expect(await page.isEnabled('#confirmTicks')).toBe(true);
  await page.close();
}, 30_000);

test('a failed action: the error beside its button, within the viewport, the button usable again', async () => {
  const page = await open('coach');
  await page.evaluate(() => {
    const w = window as unknown as Stubbed;
    w.__answers.signOffSelection = () => {
      throw new Error('Sign off: the selection holds no item rows; select the rows of the items to sign');
    };
    w.__answers.confirmMyTicks = () => {
      throw new Error('Confirm my ticks: stranger@acme.example is not a coach of any apprentice on the roster');
    };
  });
  for (const [id, text] of [
    ['confirmTicks', 'Confirm my ticks: stranger@acme.example is not a coach'],
    ['signOff', 'Sign off: the selection holds no item rows'],
  ] as const) {
    await page.click(`#${id}`);
    const line = page.locator(`${status(id)}.error`);
    await line.waitFor();
    expect(await line.textContent()).toContain(text);
    expect(await line.getAttribute('role')).toBe('alert');
    const [b, e] = [(await page.locator(`#${id}`).boundingBox())!, (await line.boundingBox())!];
    expect(e.y).toBeGreaterThanOrEqual(b.y + b.height - 1); // right under its button
    expect(e.y - (b.y + b.height)).toBeLessThan(12);
    expect(e.y).toBeGreaterThanOrEqual(0);
    expect(e.y + e.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await page.isEnabled(`#${id}`)).toBe(true);
  }
  expect(await page.locator('.status.error').count()).toBe(2); // each beside its own button, none at the top
  await page.close();
}, 30_000);

test('generate: chunks of apprentices with a moving determinate bar; a failure stops it and says why beside Generate', async () => {
  const page = await open('admin');
  await page.evaluate((roster) => {
    const w = window as unknown as Stubbed;
    w.__answers.generateApprentices = (ids: string[]) =>
      ids.map((id) => {
        if (id === 'A005' && (w as unknown as { __fail?: boolean }).__fail)
          throw new Error('Generate A005: could not write "Qual card · A005"; close the sheet and generate again');
        return {
          apprenticeId: id,
          name: roster.find((r) => r.id === id)!.name,
          qualCard: `Qual card · ${id}`,
          hours: `Hours · ${id}`,
          regenerated: id === 'A002',
          archived: id === 'A002' ? 1 : 0,
        };
      });
    w.__hold.generateApprentices = true;
  }, ROSTER);
  await page.click('#generate');
  await release(page);
  await page.waitForFunction(() => (document.querySelector('#progress') as unknown as HTMLProgressElement).value === 2);
  expect(await page.getAttribute('#progress', 'max')).toBe('5');
  expect(await page.textContent('#progressText')).toBe('Generating 3–4 of 5…');
  expect(await page.textContent(status('generate'))).toBe('Generating…');
  await release(page);
  await release(page);
  await page.waitForSelector(`${status('generate')}.ok`);
  expect(await page.textContent(status('generate'))).toBe(
    'Generated the qual card and hours sheet of 5 apprentice(s).',
  );
  expect(await page.textContent('#progressText')).toBe('Done: 5 of 5.');
  expect(await page.locator('#generated li').allTextContents()).toContain(
    'Bo Diaz: regenerated, 1 archived row(s) kept',
  );
  expect((await calls(page)).filter((c) => c.name === 'generateApprentices').map((c) => c.args[0])).toEqual([
    ['A001', 'A002'],
    ['A003', 'A004'],
    ['A005'],
  ]);
  await page.evaluate(() => {
    const w = window as unknown as Stubbed & { __fail: boolean };
    w.__fail = true;
    w.__hold.generateApprentices = false;
  });
  await page.click('#generate');
  await page.waitForSelector(`${status('generate')}.error`);
  expect(await page.textContent(status('generate'))).toContain('Generate A005: could not write');
  expect(await page.evaluate(() => (document.querySelector('#progress') as unknown as HTMLProgressElement).value)).toBe(
    4,
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'addon-sidebar.png'), fullPage: true });
  await page.close();
}, 60_000);

test('admin: Record results, Check progress and the cohort report, each answered beside its button', async () => {
  const page = await open('admin', {
    recordResults: {
      by: 'pat@acme.example',
      apprentices: 5,
      confirmed: { signOffs: 0, hours: 0, priorCredit: 2, exams: 3, certifications: 1 },
      already: 1,
      skipped: { otherSigner: 0, noDate: 0, noEvidence: 2, flagged: 0 },
      notes: ['A004 comptia-a-plus: no evidence (type the certificate or transcript number)'],
      missing: [],
    },
    checkProgress: { apprentices: 5, synced: true, asOf: '2026-12-07', gaps: 31, pending: 4, missing: [] },
    downloadCohortReport: {
      filename: 'cohort-report-acme.xlsx',
      contentType: 'application/x',
      base64: 'UEsDBA==',
      bytes: 4,
    },
  });
  await page.click('#resultsPanel summary');
  await page.click('#recordResults');
  await page.waitForSelector(`${status('recordResults')}.ok`);
  expect(await page.textContent(status('recordResults'))).toBe(
    'Confirmed 2 prior-credit row(s) and 3 exam result(s) and 1 certification(s) for 5 apprentice(s) as pat@acme.example, 1 already confirmed; skipped 2: 2 without evidence.',
  );
  await page.click('#check');
  await page.waitForSelector(`${status('check')}.ok`);
  expect(await page.textContent(status('check'))).toContain(
    '5 apprentice(s) synced as of 2026-12-07: 31 gap(s), 4 entries pending confirmation',
  );
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#sponsorReport')]);
  expect(file.suggestedFilename()).toBe('cohort-report-acme.xlsx');
  expect((await calls(page)).find((c) => c.name === 'downloadCohortReport')!.args).toEqual([['acme']]);
  await page.close();
}, 30_000);

test('members: listed; add or change a role; remove only after a second press', async () => {
  const page = await open('admin');
  await page.evaluate((members) => {
    const w = window as unknown as Stubbed;
    w.__answers.setMember = (m: { email: string; role: 'coach' }) => ({
      members: [...members.members, m],
      message: `${m.email} is now a ${m.role}`,
    });
    w.__answers.removeMember = (email: string) => ({
      members: members.members.filter((m) => m.email !== email),
      message: `${email} no longer has a role at Acme IT`,
    });
  }, MEMBERS);
  await page.click('#membersPanel summary');
  expect(await page.locator('#members li').count()).toBe(4);
  await page.getByLabel('Email').fill('new@acme.example');
  await page.getByLabel('Role').selectOption('coach');
  await page.click('#setMember');
  await page.waitForSelector(`${status('setMember')}.ok`);
  expect(await page.textContent(status('setMember'))).toBe('new@acme.example is now a coach');
  expect(await page.locator('#members li').count()).toBe(5);
  const remove = page.getByRole('button', { name: 'Remove sam@acme.example' });
  await remove.click();
  expect((await calls(page)).map((c) => c.name)).not.toContain('removeMember'); // the first press only asks
  expect(await remove.textContent()).toBe('Yes, remove coach');
  await remove.click();
  await page.waitForSelector('#membersStatus.ok');
  expect(await page.textContent('#membersStatus')).toBe('sam@acme.example no longer has a role at Acme IT');
  expect(await page.locator('#members li').allTextContents()).not.toContain(expect.stringContaining('sam@'));
  expect((await calls(page)).filter((c) => c.name === 'removeMember').map((c) => c.args)).toEqual([
    ['sam@acme.example'],
  ]);
  await page.close();
}, 30_000);

test('attest paper-era entries needs a reason; weekly digests load and save', async () => {
  const page = await open('admin', {
    attestSelection: {
      apprenticeId: 'A001',
      attested: { signOffs: 4, hours: 0 },
      already: 0,
      message: 'Attested 4 sign-off(s) of Ann Lee.',
    },
  });
  await page.evaluate(() => {
    (window as unknown as Stubbed).__answers.saveDigest = (d: unknown) => d;
  });
  await page.click('#attestPanel summary');
  await page.click('#attest');
  await page.waitForSelector(`${status('attest')}.error`);
  expect((await calls(page)).map((c) => c.name)).not.toContain('attestSelection');
  await page.getByLabel('Reason').fill('Signed on the 2024 paper card');
  await page.click('#attest');
  await page.waitForSelector(`${status('attest')}.ok`);
  expect(await page.textContent(status('attest'))).toBe('Attested 4 sign-off(s) of Ann Lee.');
  expect((await calls(page)).find((c) => c.name === 'attestSelection')!.args).toEqual([
    { reason: 'Signed on the 2024 paper card' },
  ]);
  await page.click('#digestPanel summary');
  expect(await page.isChecked('#digestEnabled')).toBe(true);
  expect(await page.inputValue('#digestWeekday')).toBe('1');
  await page.getByLabel('Day').selectOption('5');
  await page.check('#digestApprentices');
  await page.click('#saveDigest');
  await page.waitForSelector(`${status('saveDigest')}.ok`);
  expect(await page.textContent(status('saveDigest'))).toBe('Digests go out every Friday.');
  expect((await calls(page)).find((c) => c.name === 'saveDigest')!.args).toEqual([
    { enabled: true, weekday: 5, sheetUrl: 'https://docs.google.com/spreadsheets/d/acme', apprentices: true },
  ]);
  await page.close();
}, 30_000);

test('credentials: the Data Integrity .json and the .jwt per level with its status; Revoke needs a reason', async () => {
  const page = await open('admin');
  await page.evaluate(() => {
    const w = window as unknown as Stubbed;
    const files = (revoked: boolean) => [
      {
        credentialId: 'c1',
        json: { fileName: 'credential-A001-L1.json', contentType: 'application/json', text: '{"proof":[]}' },
        jwt: { fileName: 'credential-A001-L1.jwt', contentType: 'application/jwt', text: 'aaa.bbb.ccc' },
        name: 'NITAS Help Desk: Level 1',
        status: revoked ? 'revoked: entries withdrawn' : 'issued 2026-06-01',
      },
    ];
    w.__answers.credentialFiles = () => files(false);
    w.__answers.revokeCredential = () => files(true);
  });
  await page.click('#credentialsPanel summary');
  await page.click('#credentials');
  await page.waitForSelector('#credentialLinks li');
  expect(await page.locator('#credentialLinks li').allTextContents()).toEqual([
    'NITAS Help Desk: Level 1 (issued 2026-06-01) · .jwtRevoke',
  ]);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#credentialLinks a >> nth=0')]);
  expect(file.suggestedFilename()).toBe('credential-A001-L1.json');
  expect(readFileSync((await file.path())!, 'utf8')).toBe('{"proof":[]}');
  const [jwt] = await Promise.all([page.waitForEvent('download'), page.click('#credentialLinks a >> nth=1')]);
  expect(jwt.suggestedFilename()).toBe('credential-A001-L1.jwt');
  expect(readFileSync((await jwt.path())!, 'utf8')).toBe('aaa.bbb.ccc');
  await page.click('#credentialLinks button');
  await page.waitForSelector('#credentialLinks .status.error');
  expect((await calls(page)).map((c) => c.name)).not.toContain('revokeCredential');
  await page.getByLabel('Reason to revoke NITAS Help Desk: Level 1').fill('entries withdrawn');
  await page.click('#credentialLinks button');
  await page.waitForSelector(`${status('credentials')}.ok`);
  expect(await page.locator('#credentialLinks li').allTextContents()).toEqual([
    'NITAS Help Desk: Level 1 (revoked: entries withdrawn) · .jwt',
  ]);
  expect((await calls(page)).find((c) => c.name === 'revokeCredential')!.args).toEqual([
    { apprenticeId: 'A001', credentialId: 'c1', reason: 'entries withdrawn' },
  ]);
  await page.close();
}, 30_000);

test('withdraw selected confirmations, on the coach’s and the admin’s homes: a reason first, then the answer', async () => {
  for (const screen of ['coach', 'admin'] as const) {
    const page = await open(screen, { withdrawSelection: WITHDRAW_RESULT });
    await page.click('#withdrawPanel summary');
    await page.click('#withdraw');
    await page.waitForSelector(`${status('withdraw')}.error`);
    expect(await page.textContent(status('withdraw'))).toContain('Type why the confirmations are withdrawn first');
    expect((await calls(page)).map((c) => c.name)).not.toContain('withdrawSelection');
    await page.getByLabel('Why withdrawn').fill('ticked on the wrong apprentice');
    await page.click('#withdraw');
    await page.waitForSelector(`${status('withdraw')}.ok`);
    expect(await page.textContent(status('withdraw'))).toBe(WITHDRAW_RESULT.message);
    expect((await calls(page)).find((c) => c.name === 'withdrawSelection')!.args).toEqual([
      { reason: 'ticked on the wrong apprentice' },
    ]);
    await page.close();
  }
}, 30_000);

test('a credential under review shows why, with Keep (a reason first) and Revoke', async () => {
  const page = await open('admin');
  await page.evaluate(() => {
    const w = window as unknown as Stubbed;
    const files = (kept: boolean) => [
      {
        credentialId: 'c1',
        jwt: { fileName: 'credential-A001-L1.jwt', contentType: 'application/jwt', text: 'aaa.bbb.ccc' },
        name: 'NITAS Help Desk: Level 1',
        status: kept ? 'issued 2026-06-01' : 'under review: L1 is no longer complete on confirmed entries',
      },
    ];
    w.__answers.credentialFiles = () => files(false);
    w.__answers.keepCredential = () => files(true);
  });
  await page.click('#credentialsPanel summary');
  await page.click('#credentials');
  await page.waitForSelector('#credentialLinks li');
  expect(await page.locator('#credentialLinks li').allTextContents()).toEqual([
    'NITAS Help Desk: Level 1 (under review: L1 is no longer complete on confirmed entries)KeepRevoke',
  ]);
  await page.click('#credentialLinks button >> text=Keep');
  await page.waitForSelector('#credentialLinks .status.error');
  expect((await calls(page)).map((c) => c.name)).not.toContain('keepCredential');
  await page.getByLabel('Reason to keep NITAS Help Desk: Level 1').fill('observed; the sheet will be re-ticked');
  await page.click('#credentialLinks button >> text=Keep');
  await page.waitForSelector(`${status('credentials')}.ok`);
  expect(await page.textContent(status('credentials'))).toBe('Kept NITAS Help Desk: Level 1: no longer under review.');
  expect(await page.locator('#credentialLinks li').allTextContents()).toEqual([
    'NITAS Help Desk: Level 1 (issued 2026-06-01)Revoke',
  ]);
  expect((await calls(page)).find((c) => c.name === 'keepCredential')!.args).toEqual([
    { apprenticeId: 'A001', credentialId: 'c1', reason: 'observed; the sheet will be re-ticked' },
  ]);
  await page.close();
}, 30_000);

test('program set-up, last and collapsed: optional work functions ticked as the sponsor runs them, saved', async () => {
  const programs = [
    {
      frameworkId: 'it-generalist-competencies',
      title: 'IT Generalist',
      optional: [
        { id: 'JF3', title: 'Audio/visual' },
        { id: 'JF5', title: 'Software modifications' },
      ],
      defaults: [],
      chosen: ['JF5'],
    },
  ];
  const page = await open('admin', { getState: { ...STATE, programs } });
  await page.evaluate((p) => {
    (window as unknown as Stubbed).__answers.savePrograms = (
      input: Record<string, { optionalWorkFunctionIds: string[] }>,
    ) => ({
      ...((window as unknown as Stubbed).__answers.getState as object),
      programs: [{ ...p, chosen: input['it-generalist-competencies']!.optionalWorkFunctionIds }],
    });
  }, programs[0]!);
  expect(await page.isVisible('#programs')).toBe(false); // collapsed
  await page.click('#setup > summary');
  expect(await page.locator('#programList label').allTextContents()).toEqual([
    'JF3: Audio/visual',
    'JF5: Software modifications',
  ]);
  await page.uncheck('#programList input[value="JF5"]');
  await page.check('#programList input[value="JF3"]');
  await page.click('#savePrograms');
  await page.waitForSelector(`${status('savePrograms')}.ok`);
  expect((await calls(page)).find((c) => c.name === 'savePrograms')!.args).toEqual([
    { 'it-generalist-competencies': { optionalWorkFunctionIds: ['JF3'] } },
  ]);
  expect(await page.isChecked('#programList input[value="JF3"]')).toBe(true);
  await page.close();
}, 30_000);

test('own framework: publish refused beside its button; moving apprentices shows the diff and applies only when confirmed', async () => {
  const page = await open('admin');
  await page.evaluate(() => {
    const w = window as unknown as Stubbed;
    w.__answers.publishFramework = {
      frameworkId: 'acme-desk',
      version: '1.0.0',
      outcome: 'conflict',
      message: 'Not published: acme-desk version "1.0.0" was published with other content: import with a new version',
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
  await page.click('#setup > summary');
  await page.click('#ownFramework > summary');
  expect(await page.locator('#ownFramework ol > li').count()).toBe(4); // the steps, numbered
  await page.click('#publishFramework');
  await page.waitForSelector(`${status('publishFramework')}.error`);
  expect(await page.textContent(status('publishFramework'))).toContain('was published with other content');
  expect(await page.isHidden('#applyMigration')).toBe(true);
  await page.fill('#migrateVersion', '2.0.0');
  await page.click('#previewMigration');
  await page.waitForSelector('#migrationDiff li');
  expect(await page.locator('#migrationDiff li').allTextContents()).toEqual([
    'A001: 1.0.0 → 2.0.0: adds A4; archives A3 (signed: kept, archived)',
  ]);
  expect((await calls(page)).map((c) => c.name)).not.toContain('applyMigration');
  await page.click('#applyMigration');
  await page.waitForSelector(`${status('applyMigration')}.ok`);
  expect(await page.textContent(status('applyMigration'))).toBe(
    'Moved 1 apprentice(s) to 2.0.0; generate their sheets again.',
  );
  expect((await calls(page)).filter((c) => c.name.endsWith('Migration')).map((c) => c.args)).toEqual([
    [{ toVersion: '2.0.0' }],
    [{ toVersion: '2.0.0', apprenticeIds: ['A001'] }],
  ]);
  await page.close();
}, 30_000);

test('wage steps: the Wage schedule sheet; a raise refused then recorded, each beside Record raise', async () => {
  const page = await open('admin', { createWageSchedule: { created: true, name: 'Wage schedule' } });
  await page.evaluate(() => {
    (window as unknown as Stubbed).__answers.recordRaise = (input: { step: number }) => {
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
  await page.waitForSelector(`${status('createWageSchedule')}.ok`);
  await page.fill('#raiseApprentice', ' A001 ');
  await page.fill('#raiseStep', '3');
  await page.fill('#raiseDate', '2026-04-02');
  await page.click('#recordRaise');
  await page.waitForSelector(`${status('recordRaise')}.error`);
  expect(await page.textContent(status('recordRaise'))).toBe(
    'step: the apprentice is not eligible for step 3 (reached: step 2)',
  );
  await page.fill('#raiseStep', '2');
  await page.fill('#raiseNote', 'Annual review');
  await page.click('#recordRaise');
  await page.waitForSelector(`${status('recordRaise')}.ok`);
  expect(await page.textContent(status('recordRaise'))).toBe(
    'A001: raised to step 2 from 2026-04-02 (audited). Step 2; next: step 3 after Level 2 complete',
  );
  expect((await calls(page)).filter((c) => c.name === 'recordRaise').map((c) => c.args[0])).toEqual([
    { apprenticeId: 'A001', step: 3, effectiveDate: '2026-04-02', note: '' },
    { apprenticeId: 'A001', step: 2, effectiveDate: '2026-04-02', note: 'Annual review' },
  ]);
  await page.close();
}, 30_000);

test('consultant: Refresh cohort, then the cohort report for the ticked sponsors and a transcript downloaded as files', async () => {
  const bytes = [80, 75, 3, 4, 0, 255, 128, 10]; // "PK" and bytes over 127: what arrives is what the server sent
  const base64 = Buffer.from(bytes).toString('base64');
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const page = await open('consultant', {
    refreshCohort: {
      sponsors: 2,
      apprentices: 2,
      gaps: 41,
      pages: 1,
      cutShort: 1,
      refreshedAt: '2026-12-07T10:00:00.000Z',
      state: COHORT_STATE,
    },
    downloadCohortReport: { filename: 'cohort-report-2026-12-07.xlsx', contentType: xlsx, base64, bytes: bytes.length },
    downloadTranscript: { filename: 'transcript-G001-v1.xlsx', contentType: xlsx, base64, bytes: bytes.length },
  });
  await page.click('#refreshCohort');
  await page.waitForSelector(`${status('refreshCohort')}.ok`);
  expect(await page.textContent(status('refreshCohort'))).toBe(
    'Refreshed 2026-12-07 10:00 UTC: 2 sponsor(s), 2 apprentice(s) on the Cohort sheet, 41 row(s) on the Gaps sheet (1 apprentice(s) with more gaps than stored: see their transcripts).',
  );
  expect(await page.locator('#reportSponsors label').allTextContents()).toEqual([
    'Acme IT (acme, consultant)',
    'Globex (globex, consultant)',
  ]);
  await page.check('#reportSponsors input[value="acme"]');
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#cohortReport')]);
  expect(report.suggestedFilename()).toBe('cohort-report-2026-12-07.xlsx');
  expect([...readFileSync((await report.path())!)]).toEqual(bytes);
  await page.selectOption('#cohortApprentice', 'globex/G001');
  const [transcript] = await Promise.all([page.waitForEvent('download'), page.click('#cohortTranscript')]);
  expect(transcript.suggestedFilename()).toBe('transcript-G001-v1.xlsx');
  expect((await calls(page)).filter((c) => c.name.startsWith('download')).map((c) => [c.name, c.args])).toEqual([
    ['downloadCohortReport', [['acme']]],
    ['downloadTranscript', ['globex', 'G001']],
  ]);
  await page.close();
}, 30_000);

test('apprentice: their own levels, pending entries, requests and gaps; Ask my coach to confirm sends the note', async () => {
  const page = await open('apprentice', {
    askCoachToConfirm: {
      requestId: 'r2',
      entries: 3,
      coachEmails: ['sam@acme.example'],
      message: 'Asked sam@acme.example to confirm 3 entries.',
    },
  });
  expect(await page.textContent('#apprenticeName')).toBe('Ann Lee: your progress (2026-12-07)');
  expect(await page.locator('#levels li').allTextContents()).toEqual([
    'Level 1: complete',
    'Level 2: 46%',
    'Level 3: 5%',
  ]);
  expect(await page.locator('#pending li').allTextContents()).toEqual([
    '3 ticks on your qual card',
    '2 hours rows (11 h)',
  ]);
  expect(await page.locator('#myRequests li').allTextContents()).toEqual(['2026-12-04: 2 of 2 still open']);
  expect(await page.locator('#gaps li').count()).toBe(3);
  await page.getByLabel('Note (optional)').fill('Tuesday install');
  await page.click('#ask');
  await page.waitForSelector(`${status('ask')}.ok`);
  expect(await page.textContent(status('ask'))).toBe('Asked sam@acme.example to confirm 3 entries.');
  expect((await calls(page)).find((c) => c.name === 'askCoachToConfirm')!.args).toEqual([{ note: 'Tuesday install' }]);
  await page.close();
}, 30_000);

test('learner record: the admin downloads the chosen apprentice’s, the apprentice their own', async () => {
  const json = JSON.stringify({ type: ['VerifiableCredential', 'ClrCredential'] });
  const file = {
    filename: 'learner-record-A001-2026-12-07.json',
    contentType: 'application/ld+json',
    base64: Buffer.from(json).toString('base64'),
    bytes: json.length,
  };
  const admin = await open('admin', { downloadLearnerRecord: file });
  await admin.click('#credentialsPanel summary');
  const [saved] = await Promise.all([admin.waitForEvent('download'), admin.click('#adminLearnerRecord')]);
  expect(saved.suggestedFilename()).toBe('learner-record-A001-2026-12-07.json');
  expect(readFileSync((await saved.path())!, 'utf8')).toBe(json);
  await admin.waitForSelector(`${status('adminLearnerRecord')}.ok`);
  expect((await calls(admin)).find((c) => c.name === 'downloadLearnerRecord')!.args).toEqual(['A001']);
  await admin.close();

  const own = await open('apprentice', { downloadLearnerRecord: file });
  await own.waitForSelector('#levels li');
  const [mine] = await Promise.all([own.waitForEvent('download'), own.click('#myLearnerRecord')]);
  expect(mine.suggestedFilename()).toBe('learner-record-A001-2026-12-07.json');
  await own.waitForSelector(`${status('myLearnerRecord')}.ok`);
  expect((await calls(own)).find((c) => c.name === 'downloadLearnerRecord')!.args).toEqual(['A001']);
  await own.close();
}, 30_000);
