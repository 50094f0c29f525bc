// The program set-up: the admin's first-run screen (sponsor, frameworks), and the last, collapsed section of their
// home (endpoint, frameworks, optional work functions, their own framework: import, publish, move apprentices).
import type { Home, MigrationResult, State } from '../src/sidebar-api';
import { $, action, call, checkbox, checked, list, value } from './ui';

/** The sponsors to choose from: those the person administers, and the spreadsheet's own if it is not one of them. */
function renderSponsors(adminOf: Home['adminOf'], current: string): void {
  const sel = $<HTMLSelectElement>('sponsorId');
  sel.textContent = '';
  const choices =
    adminOf.some((s) => s.id === current) || !current ? adminOf : [...adminOf, { id: current, name: current }];
  for (const s of choices) {
    const o = document.createElement('option');
    o.value = s.id;
    o.textContent = s.name === s.id ? s.id : `${s.name} (${s.id})`;
    sel.appendChild(o);
  }
  if (current) sel.value = current;
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
    for (const wf of p.optional) group.appendChild(checkbox(wf.id, `${wf.id}: ${wf.title}`, p.chosen.includes(wf.id)));
    box.appendChild(group);
  }
}

let adminOf: Home['adminOf'] = [];

export function renderSetup(s: State, home?: Home): void {
  if (home) adminOf = home.adminOf;
  renderPrograms(s);
  $<HTMLInputElement>('endpoint').value = s.settings.endpoint || $<HTMLInputElement>('endpoint').value;
  renderSponsors(adminOf, s.settings.sponsorId);
  const fs = $('frameworks');
  fs.querySelectorAll('label').forEach((l) => {
    l.remove();
  });
  for (const f of s.available)
    fs.appendChild(
      checkbox(
        f.id,
        `${f.title} (${f.levels.map((l) => l.id).join(', ')}; ${f.items} items)`,
        s.settings.frameworkIds.includes(f.id),
      ),
    );
  const base = $<HTMLSelectElement>('fwBase');
  base.querySelectorAll('option:not([value=""])').forEach((o) => {
    o.remove();
  });
  for (const f of s.available) {
    const o = document.createElement('option');
    o.value = f.id;
    o.textContent = f.title;
    base.appendChild(o);
  }
}

/** The first run shows only what set-up needs: the endpoint was just given, the own framework comes later. */
export function setupMode(firstRun: boolean): void {
  const d = $<HTMLDetailsElement>('setup');
  d.open = firstRun;
  d.querySelector('summary')!.textContent = firstRun ? 'Set up this spreadsheet' : 'Program set-up';
  $('setupIntro').hidden = !firstRun;
  $('endpointRow').hidden = firstRun;
  $('ownFramework').hidden = firstRun;
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
      if (r.outcome === 'conflict') throw new Error(r.message);
      return r.message;
    }),
  );
  $('previewMigration').addEventListener('click', () =>
    action('previewMigration', async () => {
      preview = await call('previewMigration', { toVersion: value('migrateVersion') });
      list('migrationDiff', migrationLines(preview));
      $('applyMigration').hidden = preview.apprentices.length === 0;
      return preview.apprentices.length ? 'Check the changes, then move these apprentices.' : undefined;
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
      list('migrationDiff', migrationLines(r));
      return `Moved ${r.apprentices.length} apprentice(s) to ${r.toVersion}; generate their sheets again.`;
    }),
  );
}

/** `render`: the whole admin view of a State; `saved`: what follows a saved set-up (the first run opens the home). */
export function wireSetup(render: (s: State) => void, saved: () => Promise<void>): void {
  $('save').addEventListener('click', () =>
    action('save', async () => {
      render(
        await call('saveSetup', {
          endpoint: value('endpoint'),
          sponsorId: $<HTMLSelectElement>('sponsorId').value,
          frameworkIds: checked($('frameworks')),
        }),
      );
      await saved();
      return 'Set-up saved.';
    }),
  );
  $('savePrograms').addEventListener('click', () =>
    action('savePrograms', async () => {
      const out: Record<string, { optionalWorkFunctionIds: string[] }> = {};
      $('programList')
        .querySelectorAll<HTMLElement>('div[data-framework]')
        .forEach((g) => {
          out[g.dataset.framework!] = { optionalWorkFunctionIds: checked(g) };
        });
      render(await call('savePrograms', out));
      return 'Optional work functions saved; generate the qual cards again to show them.';
    }),
  );
  $('frameworkSheet').addEventListener('click', () =>
    action('frameworkSheet', async () => {
      const r = await call('createFrameworkSheet');
      return r.created ? `Created the "${r.name}" sheet with an example row.` : `The "${r.name}" sheet already exists.`;
    }),
  );
  $('importFramework').addEventListener('click', () =>
    action('importFramework', async () => {
      const r = await call('importFrameworkSheet', {
        id: value('fwId'),
        title: value('fwTitle'),
        version: value('fwVersion'),
        baseId: $<HTMLSelectElement>('fwBase').value,
      });
      list('frameworkErrors', r.errors);
      if (!r.ok)
        throw new Error(`The Framework sheet has ${r.errors.length} error(s), listed below: nothing was imported.`);
      if (r.state) render(r.state);
      return 'Sponsor framework imported: publish it next.';
    }),
  );
  wireRegistry();
}
