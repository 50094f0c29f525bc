// The sidebar: set-up, roster, generation with a progress bar, Confirm my ticks and sign-off, progress and transcripts.
// Talks to the server only through google.script.run, with plain data: the functions and types of
// addon/src/sidebar-api.ts (types only, and its constants; nothing of the server's code is bundled here).
import {
  GENERATE_SIDEBAR_BATCH as CHUNK,
  type ConfirmResult,
  type CredentialFile,
  type MigrationResult,
  type SidebarApi,
  type State,
  type TranscriptFile,
} from '../src/sidebar-api';
import { renderCohort, wireConsultant } from './consultant';
import { coachStandards } from './standards';

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: Error) => void): Runner;
};
declare const google: { script: { run: Runner } };

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

function call<K extends keyof SidebarApi>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
): Promise<ReturnType<SidebarApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<SidebarApi[K]>))
      .withFailureHandler((e) => reject(e));
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

/** Per program framework with optional work functions: a checkbox each, ticked when the sponsor runs it. */
function renderPrograms(s: State): void {
  const box = $('programList');
  box.textContent = '';
  $('programs').hidden = !s.programs.length;
  for (const p of s.programs) {
    const group = document.createElement('div');
    group.dataset.framework = p.frameworkId;
    const title = document.createElement('p');
    title.textContent = `${p.title} (default: ${p.defaults.length ? p.defaults.join(', ') : 'none'})`;
    group.appendChild(title);
    for (const wf of p.optional) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = wf.id;
      input.checked = p.chosen.includes(wf.id);
      label.append(input, `${wf.id}: ${wf.title}`);
      group.appendChild(label);
    }
    box.appendChild(group);
  }
}

/** The sponsor's choice as the checkboxes show it. */
function chosenPrograms(): Record<string, { optionalWorkFunctionIds: string[] }> {
  const out: Record<string, { optionalWorkFunctionIds: string[] }> = {};
  $('programList')
    .querySelectorAll<HTMLElement>('div[data-framework]')
    .forEach((g) => {
      out[g.dataset.framework!] = {
        optionalWorkFunctionIds: Array.from(g.querySelectorAll<HTMLInputElement>('input:checked')).map((i) => i.value),
      };
    });
  return out;
}

function render(s: State): void {
  renderPrograms(s);
  list('coachStandards', coachStandards(s));
  $<HTMLInputElement>('endpoint').value = s.settings.endpoint;
  $<HTMLInputElement>('sponsorId').value = s.settings.sponsorId;
  const fs = $('frameworks');
  fs.querySelectorAll('label').forEach((l) => {
    l.remove();
  });
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
  base.querySelectorAll('option[value]:not([value=""])').forEach((o) => {
    o.remove();
  });
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
  const s = await call('getState');
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
    const results = await call('generateApprentices', ids.slice(i, i + CHUNK));
    for (const r of results)
      done.push(
        `${r.name}: ${r.regenerated ? 'regenerated' : 'created'}${r.archived ? `, ${r.archived} archived row(s) kept` : ''}${r.note ? `; ${r.note}` : ''}`,
      );
    list('generated', done);
    bar.value = Math.min(i + CHUNK, ids.length);
  }
  $('progressText').textContent = `Done: ${ids.length} of ${ids.length}.`;
  show(`Generated ${ids.length} apprentice(s).`, 'ok');
}

function download(file: TranscriptFile): void {
  const a = document.createElement('a');
  a.href = `data:${file.contentType};base64,${file.base64}`;
  a.download = file.fileName;
  a.textContent = `Download ${file.fileName}`;
  const p = $('transcriptLink');
  p.textContent = '';
  p.appendChild(a);
}

/** One link per credential, with where it stands (issued, under review, revoked). */
function credentialLinks(files: CredentialFile[]): void {
  const ul = $('credentialLinks');
  ul.textContent = '';
  if (!files.length) ul.textContent = 'No credential yet: one is issued when a level is complete on confirmed entries.';
  for (const f of files) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `data:${f.contentType},${encodeURIComponent(f.jwt)}`;
    a.download = f.fileName;
    a.textContent = f.name;
    li.append(a, ` (${f.status})`);
    ul.appendChild(li);
  }
}

/** One line per apprentice of a migration's diff. */
function migrationLines(r: MigrationResult): string[] {
  if (!r.apprentices.length) return [`Nobody on ${r.frameworkId} is on another version than ${r.toVersion}.`];
  return r.apprentices.map((a) => {
    const archived = a.itemsArchived.map((i) => `${i.itemId}${i.signed ? ' (signed: kept, archived)' : ''}`);
    const parts = [
      a.itemsAdded.length ? `adds ${a.itemsAdded.join(', ')}` : '',
      archived.length ? `archives ${archived.join(', ')}` : '',
      a.levelsRemoved.length ? `removes levels ${a.levelsRemoved.join(', ')}` : '',
    ].filter(Boolean);
    return `${a.apprenticeId}: ${a.fromVersion} → ${r.toVersion}${parts.length ? `: ${parts.join('; ')}` : ''}`;
  });
}

/** Publishing the sponsor framework; moving apprentices to a version only after the admin saw the changes. */
function wireRegistry(): void {
  let preview: MigrationResult | undefined;
  $('publishFramework').addEventListener('click', () =>
    action('publishFramework', async () => {
      const r = await call('publishFramework');
      $('publishResult').textContent = r.message;
      if (r.outcome === 'conflict') throw new Error(r.message);
      show(r.message, 'ok');
    }),
  );
  $('previewMigration').addEventListener('click', () =>
    action('previewMigration', async () => {
      preview = await call('previewMigration', { toVersion: $<HTMLInputElement>('migrateVersion').value });
      list('migrationDiff', migrationLines(preview));
      $('applyMigration').hidden = preview.apprentices.length === 0;
    }),
  );
  $('applyMigration').addEventListener('click', () =>
    action('applyMigration', async () => {
      if (!preview) throw new Error('Show the changes first');
      const r = await call('applyMigration', {
        toVersion: preview.toVersion,
        apprenticeIds: preview.apprentices.map((a) => a.apprenticeId),
      });
      preview = undefined;
      $('applyMigration').hidden = true;
      list('migrationDiff', migrationLines(r));
      show(`Moved ${r.apprentices.length} apprentice(s) to ${r.toVersion}; generate their sheets again.`, 'ok');
    }),
  );
}

/** Set-up: settings, the sponsor's Framework sheet, the roster. */
function wireSetup(): void {
  $('save').addEventListener('click', () =>
    action('save', async () => {
      const frameworkIds = Array.from($('frameworks').querySelectorAll<HTMLInputElement>('input:checked')).map(
        (i) => i.value,
      );
      render(
        await call('saveSetup', {
          endpoint: $<HTMLInputElement>('endpoint').value,
          sponsorId: $<HTMLInputElement>('sponsorId').value,
          frameworkIds,
        }),
      );
      show('Set-up saved.', 'ok');
    }),
  );
  $('savePrograms').addEventListener('click', () =>
    action('savePrograms', async () => {
      render(await call('savePrograms', chosenPrograms()));
      show('Optional work functions saved; regenerate the qual cards to show them.', 'ok');
    }),
  );
  $('frameworkSheet').addEventListener('click', () =>
    action('frameworkSheet', async () => {
      const r = await call('createFrameworkSheet');
      show(
        r.created ? `Created the "${r.name}" sheet with an example row.` : `The "${r.name}" sheet already exists.`,
        'ok',
      );
    }),
  );
  $('importFramework').addEventListener('click', () =>
    action('importFramework', async () => {
      const r = await call('importFrameworkSheet', {
        id: $<HTMLInputElement>('fwId').value,
        title: $<HTMLInputElement>('fwTitle').value,
        version: $<HTMLInputElement>('fwVersion').value,
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
      const r = await call('createRoster');
      render(await call('getState'));
      show(
        r.created
          ? `Created the "${r.name}" sheet: fill one row per apprentice.`
          : `The roster "${r.name}" already exists.`,
        'ok',
      );
    }),
  );
}

/** What Confirm my ticks or Record results did, in words. */
function confirmText(r: ConfirmResult): string {
  const c = r.confirmed;
  const what = [
    [c.signOffs, 'tick(s)'],
    [c.hours, 'hours row(s)'],
    [c.priorCredit, 'prior-credit row(s)'],
    [c.exams, 'exam result(s)'],
    [c.certifications, 'certification(s)'],
  ] as const;
  const done = what.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  const s = r.skipped;
  const why = [
    s.otherSigner ? `${s.otherSigner} signed by someone else (only they can confirm them)` : '',
    s.noDate ? `${s.noDate} without a date` : '',
    s.noEvidence ? `${s.noEvidence} without evidence` : '',
    s.flagged ? `${s.flagged} to correct first` : '',
  ].filter(Boolean);
  const skipped = s.otherSigner + s.noDate + s.noEvidence + s.flagged;
  return (
    `As ${r.by}, for ${r.apprentices} apprentice(s): confirmed ${done.length ? done.join(' and ') : 'nothing new'}` +
    `${r.already ? `, ${r.already} already confirmed` : ''}; skipped ${skipped}${why.length ? `: ${why.join(', ')}` : ''}.` +
    `${r.missing.length ? ` Not generated yet: ${r.missing.join(', ')}.` : ''}`
  );
}

/** The coach's actions: Confirm my ticks and sign-off. */
function wireCoach(): void {
  $('confirmTicks').addEventListener('click', () =>
    action('confirmTicks', async () => {
      const r = await call('confirmMyTicks');
      $('confirmResult').textContent = confirmText(r);
      list('confirmNotes', r.notes);
      show('Confirmations recorded; the sheets show them.', 'ok');
    }),
  );
  $('signOff').addEventListener('click', () =>
    action('signOff', async () => {
      const r = await call('signOffSelection');
      $('signResult').textContent =
        `Signed ${r.signed.length} item(s) as ${r.coachEmail} on ${r.date}${r.alreadySigned.length ? `; already signed: ${r.alreadySigned.join(', ')}` : ''}.${r.percent !== null ? ` Target level now ${r.percent}%.` : ''}`;
      show('Sign-off recorded.', 'ok');
    }),
  );
}

/** The work: generation, results, progress and transcripts. */
function wireWork(): void {
  $('generate').addEventListener('click', () => action('generate', generateAll));
  $('recordResults').addEventListener('click', () =>
    action('recordResults', async () => {
      const r = await call('recordResults');
      $('resultsResult').textContent = confirmText(r);
      list('resultsNotes', r.notes);
      show('Results recorded; the sheets show them.', 'ok');
    }),
  );
  $('check').addEventListener('click', () =>
    action('check', async () => {
      const r = await call('checkProgress');
      const who = r.coachEmail ? ` (your apprentices, as coach ${r.coachEmail})` : '';
      const where = r.synced
        ? 'synced'
        : 'checked here (no Qualcard service set up: nothing is confirmed, nothing counts)';
      $('checkResult').textContent =
        `${r.apprentices} apprentice(s)${who} ${where} as of ${r.asOf}: ${r.gaps} gap(s), ${r.pending} entr${r.pending === 1 ? 'y' : 'ies'} pending confirmation. See the Dashboard sheet.${r.missing.length ? ` Not generated yet: ${r.missing.join(', ')}.` : ''}`;
    }),
  );
  $('transcript').addEventListener('click', () =>
    action('transcript', async () => {
      const id = $<HTMLSelectElement>('transcriptFor').value;
      if (!id) throw new Error('Choose an apprentice first');
      download(await call('exportTranscript', id));
    }),
  );
  $('credentials').addEventListener('click', () =>
    action('credentials', async () => {
      const id = $<HTMLSelectElement>('transcriptFor').value;
      if (!id) throw new Error('Choose an apprentice first');
      credentialLinks(await call('credentialFiles', id));
    }),
  );
}

function wireWages(): void {
  $('createWageSchedule').addEventListener('click', () =>
    action('createWageSchedule', async () => {
      const r = await call('createWageSchedule');
      show(r.created ? `Created the "${r.name}" sheet: one row per wage step.` : `"${r.name}" already exists.`, 'ok');
    }),
  );
  $('recordRaise').addEventListener('click', () =>
    action('recordRaise', async () => {
      const value = (id: string): string => $<HTMLInputElement>(id).value.trim();
      const r = await call('recordRaise', {
        apprenticeId: value('raiseApprentice'),
        step: Number(value('raiseStep')),
        effectiveDate: value('raiseDate'),
        note: value('raiseNote'),
      });
      $('raiseResult').textContent = `${r.apprenticeId}: raised to step ${r.step} from ${r.effectiveDate}. ${r.wage}`;
      show('Raise recorded (audited). Check progress refreshes the Dashboard.', 'ok');
    }),
  );
}

const ui = { $, action, show };
wireSetup();
wireWages();
wireRegistry();
wireCoach();
wireWork();
wireConsultant(ui, call, () => $<HTMLInputElement>('sponsorId').value.trim());
call('getState')
  .then(render)
  .then(() => call('getCohortState'))
  .then((s) => renderCohort(ui, s))
  .catch((e: Error) => show(e.message, 'error'));
