// The sidebar: set-up, roster, generation with a progress bar, sign-off, progress and transcripts.
// Talks to the server only through google.script.run, with plain data.

interface FrameworkSummary {
  id: string;
  title: string;
  version: string;
  levels: { id: string; title: string }[];
  items: number;
  sponsor: boolean;
}
interface State {
  settings: { endpoint: string; sponsorId: string; frameworkIds: string[] };
  available: FrameworkSummary[];
  program: FrameworkSummary[];
  roster: {
    exists: boolean;
    apprentices: { id: string; name: string; frameworkId: string; levelId: string }[];
    errors: string[];
  };
}
interface GenerateResult {
  apprenticeId: string;
  name: string;
  qualCard: string;
  regenerated: boolean;
  archived: number;
}

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: Error) => void): Runner;
};
declare const google: { script: { run: Runner } };

const CHUNK = 2;
const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

function call<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler((e) => reject(e));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`unknown server function ${name}`));
      return;
    }
    fn.apply(runner, args);
  });
}

function show(text: string, kind: 'error' | 'ok'): void {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
  m.hidden = false;
}
const clear = (): void => {
  $('message').hidden = true;
};

function list(id: string, items: string[]): void {
  const ul = $(id);
  ul.textContent = '';
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    ul.appendChild(li);
  }
}

/** Runs an action with its button disabled; any server error is shown, never swallowed. */
async function action(button: string, run: () => Promise<void>): Promise<void> {
  const b = $<HTMLButtonElement>(button);
  b.disabled = true;
  clear();
  try {
    await run();
  } catch (e) {
    show((e as Error).message || String(e), 'error');
  } finally {
    b.disabled = false;
  }
}

let state: State | null = null;

function render(s: State): void {
  state = s;
  $<HTMLInputElement>('endpoint').value = s.settings.endpoint;
  $<HTMLInputElement>('sponsorId').value = s.settings.sponsorId;
  const fs = $('frameworks');
  fs.querySelectorAll('label').forEach((l) => l.remove());
  for (const f of s.available) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = f.id;
    box.checked = s.settings.frameworkIds.includes(f.id);
    label.append(box, `${f.title} (${f.levels.map((l) => l.id).join(', ')}; ${f.items} items)`);
    fs.appendChild(label);
  }
  const base = $<HTMLSelectElement>('fwBase');
  base.querySelectorAll('option[value]:not([value=""])').forEach((o) => o.remove());
  for (const f of s.available) {
    const o = document.createElement('option');
    o.value = f.id;
    o.textContent = f.title;
    base.appendChild(o);
  }
  const sponsor = s.program.find((f) => f.sponsor);
  $('rosterStatus').textContent = !s.roster.exists
    ? 'No roster yet.'
    : `${s.roster.apprentices.length} apprentice(s) on the roster${sponsor ? `; sponsor framework ${sponsor.title} loaded` : ''}.`;
  list('rosterErrors', s.roster.errors);
  const sel = $<HTMLSelectElement>('transcriptFor');
  sel.textContent = '';
  for (const a of s.roster.apprentices) {
    const o = document.createElement('option');
    o.value = a.id;
    o.textContent = `${a.name} (${a.id})`;
    sel.appendChild(o);
  }
}

async function generateAll(): Promise<void> {
  const s = await call<State>('getState');
  render(s);
  if (s.roster.errors.length) throw new Error(`Fix the roster first:\n${s.roster.errors.join('\n')}`);
  const ids = s.roster.apprentices.map((a) => a.id);
  if (!ids.length) throw new Error('The roster has no apprentices yet');
  const bar = $<HTMLProgressElement>('progress');
  bar.hidden = false;
  bar.max = ids.length;
  bar.value = 0;
  list('generated', []);
  const done: string[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    $('progressText').textContent = `Generating ${i + 1}–${Math.min(i + CHUNK, ids.length)} of ${ids.length}…`;
    const results = await call<GenerateResult[]>('generateApprentices', ids.slice(i, i + CHUNK));
    for (const r of results)
      done.push(
        `${r.name}: ${r.regenerated ? 'regenerated' : 'created'}${r.archived ? `, ${r.archived} archived row(s) kept` : ''}`,
      );
    list('generated', done);
    bar.value = Math.min(i + CHUNK, ids.length);
  }
  $('progressText').textContent = `Done: ${ids.length} of ${ids.length}.`;
  show(`Generated ${ids.length} apprentice(s).`, 'ok');
}

function download(file: { fileName: string; contentType: string; base64: string }): void {
  const a = document.createElement('a');
  a.href = `data:${file.contentType};base64,${file.base64}`;
  a.download = file.fileName;
  a.textContent = `Download ${file.fileName}`;
  const p = $('transcriptLink');
  p.textContent = '';
  p.appendChild(a);
}

function wire(): void {
  $('save').addEventListener('click', () =>
    action('save', async () => {
      const frameworkIds = Array.from($('frameworks').querySelectorAll<HTMLInputElement>('input:checked')).map(
        (i) => i.value,
      );
      render(
        await call<State>('saveSetup', {
          endpoint: $<HTMLInputElement>('endpoint').value,
          sponsorId: $<HTMLInputElement>('sponsorId').value,
          frameworkIds,
        }),
      );
      show('Set-up saved.', 'ok');
    }),
  );
  $('frameworkSheet').addEventListener('click', () =>
    action('frameworkSheet', async () => {
      const r = await call<{ name: string; created: boolean }>('createFrameworkSheet');
      show(
        r.created ? `Created the "${r.name}" sheet with an example row.` : `The "${r.name}" sheet already exists.`,
        'ok',
      );
    }),
  );
  $('importFramework').addEventListener('click', () =>
    action('importFramework', async () => {
      const r = await call<{ ok: boolean; errors: string[]; state?: State }>('importFrameworkSheet', {
        id: $<HTMLInputElement>('fwId').value,
        title: $<HTMLInputElement>('fwTitle').value,
        baseId: $<HTMLSelectElement>('fwBase').value,
      });
      list('frameworkErrors', r.errors);
      if (!r.ok) throw new Error(`The Framework sheet has ${r.errors.length} error(s); nothing was imported.`);
      if (r.state) render(r.state);
      show('Sponsor framework imported.', 'ok');
    }),
  );
  $('createRoster').addEventListener('click', () =>
    action('createRoster', async () => {
      const r = await call<{ created: boolean; name: string }>('createRoster');
      render(await call<State>('getState'));
      show(
        r.created
          ? `Created the "${r.name}" sheet: fill one row per apprentice.`
          : `The roster "${r.name}" already exists.`,
        'ok',
      );
    }),
  );
  $('generate').addEventListener('click', () => action('generate', generateAll));
  $('signOff').addEventListener('click', () =>
    action('signOff', async () => {
      const r = await call<{ signed: string[]; alreadySigned: string[]; coachEmail: string; date: string }>(
        'signOffSelection',
      );
      $('signResult').textContent =
        `Signed ${r.signed.length} item(s) as ${r.coachEmail} on ${r.date}${r.alreadySigned.length ? `; already signed: ${r.alreadySigned.join(', ')}` : ''}.`;
      show('Sign-off recorded.', 'ok');
    }),
  );
  $('check').addEventListener('click', () =>
    action('check', async () => {
      const r = await call<{ apprentices: number; synced: boolean; asOf: string; gaps: number; missing: string[] }>(
        'checkProgress',
      );
      $('checkResult').textContent =
        `${r.apprentices} apprentice(s) ${r.synced ? 'synced' : 'checked locally (no endpoint set)'} as of ${r.asOf}: ${r.gaps} gap(s). See the Dashboard sheet.${r.missing.length ? ` Not generated yet: ${r.missing.join(', ')}.` : ''}`;
    }),
  );
  $('transcript').addEventListener('click', () =>
    action('transcript', async () => {
      const id = $<HTMLSelectElement>('transcriptFor').value;
      if (!id) throw new Error('Choose an apprentice first');
      download(await call<{ fileName: string; contentType: string; base64: string }>('exportTranscript', id));
    }),
  );
}

wire();
call<State>('getState')
  .then(render)
  .catch((e: Error) => show(e.message, 'error'));

export {};
