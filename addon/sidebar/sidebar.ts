// The sidebar: asks the server which home to open (getHome) and shows exactly that one: the first-run connect screen,
// the admin's set-up, the admin's, coach's, consultant's or apprentice's home, or why there is none (no access,
// offline). Someone with several roles switches between their homes at the top. Talks to the server only through
// google.script.run with the functions and types of addon/src/sidebar-api.ts (types and constants only).
import { HOME_ROLES, type Home, type HomeRole } from '../src/sidebar-api';
import { renderState, showAdmin, wireAdmin } from './admin';
import { showApprentice, wireApprentice } from './apprentice';
import { showCoach, wireCoach } from './coach';
import { showConsultant, wireConsultant } from './consultant';
import { HOMES, type Screen } from './homes';
import { wireProgress } from './progress';
import { setupMode, wireSetup } from './setup';
import { $, action, call, load, options, setStatus, value } from './ui';

const ALL_SECTIONS = [...new Set(Object.values(HOMES).flat())];
const ROLE_NAMES: Record<HomeRole, string> = {
  admin: 'Admin',
  coach: 'Coach',
  consultant: 'Consultant',
  apprentice: 'Apprentice',
};

let screen: Screen | null = null;

/** Puts the screen's sections into <main> in its order; every other section is hidden (out of the page's flow). */
function showSections(next: Screen): void {
  screen = next;
  const wanted = HOMES[next];
  for (const id of ALL_SECTIONS) $(id).hidden = !wanted.includes(id);
  $('home').append(...wanted.map((id) => $(id)));
  document.body.dataset.screen = next;
}

function renderHeader(home: Home): void {
  $('who').textContent = [home.email, home.sponsorName].filter(Boolean).join(' · ');
  const several = home.stage === 'home' && home.roles.length > 1;
  $('switcher').hidden = !several;
  if (several) {
    options(
      'viewAs',
      HOME_ROLES.filter((r) => home.roles.includes(r)).map((r) => ({ value: r, text: ROLE_NAMES[r] })),
    );
    $<HTMLSelectElement>('viewAs').value = home.role ?? '';
  }
}

async function render(home: Home): Promise<void> {
  renderHeader(home);
  const next: Screen = home.stage === 'home' ? (home.role ?? 'no-access') : home.stage;
  showSections(next);
  if (next === 'connect') $<HTMLInputElement>('connectEndpoint').value = home.endpoint;
  else if (next === 'no-access')
    $('noAccessMessage').textContent = home.message ?? 'Qualcard knows your account in no role here.';
  else if (next === 'offline') {
    $('offlineMessage').textContent = home.message ?? 'The Qualcard service did not answer.';
    $<HTMLInputElement>('offlineEndpoint').value = home.endpoint;
  } else if (next === 'setup') {
    setupMode(true);
    await load('homeStatus', async () => renderState(await call('getState'), home));
  } else if (next === 'admin') {
    setupMode(false);
    await showAdmin(home);
  } else if (next === 'coach') await showCoach();
  else if (next === 'consultant') await showConsultant();
  else await showApprentice();
}

/** Connect, retry, and the role switcher: each answers the home to show next. */
function wireHome(): void {
  const connect = (button: string, input: string): void => {
    $(button).addEventListener('click', () =>
      action(button, async () => {
        const endpoint = value(input);
        if (!endpoint) throw new Error('Paste the Qualcard endpoint first (it starts with https://).');
        await render(await call('connect', endpoint));
        return 'Connected.';
      }),
    );
  };
  connect('connectButton', 'connectEndpoint');
  connect('offlineConnect', 'offlineEndpoint');
  for (const retry of ['noAccessRetry', 'offlineRetry'])
    $(retry).addEventListener('click', () =>
      action(retry, async () => {
        await render(await call('getHome'));
        return undefined;
      }),
    );
  const viewAs = $<HTMLSelectElement>('viewAs');
  viewAs.addEventListener('change', () => {
    viewAs.disabled = true;
    void open(() => call('chooseRole', viewAs.value as HomeRole)).finally(() => {
      viewAs.disabled = false;
    });
  });
}

/** Asks for a home ("Loading…" at the top of the page, or why it failed), then shows it: it loads its own data. */
async function open(get: () => Promise<Home>): Promise<void> {
  let home: Home | undefined;
  await load('homeStatus', async () => {
    home = await get();
  });
  if (home) await render(home);
}

wireHome();
wireSetup(
  (s) => renderState(s),
  async () => {
    if (screen !== 'setup') return;
    // The first run's set-up done, the admin home opens: say so there, where the Save button no longer is.
    await render(await call('getHome'));
    setStatus($('homeStatus'), 'ok', 'Set-up saved. Next: create the roster, fill one row per apprentice, generate.');
  },
);
wireAdmin();
wireCoach();
wireProgress();
wireConsultant();
wireApprentice();
void open(() => call('getHome'));
