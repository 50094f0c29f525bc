// The sponsor admin's home: roster and generation first, then members, results, paper-era attestations, withdrawing
// confirmations (wired in ./coach.ts), wage steps, credentials (Keep or Revoke one under review), weekly digests and
// reports (the program set-up, ./setup.ts, comes last).
import {
  GENERATE_SIDEBAR_BATCH as CHUNK,
  type CredentialFile,
  type DigestForm,
  type DownloadText,
  type Home,
  type MembersResult,
  type State,
} from '../src/sidebar-api';
import { confirmText, transcriptChoices } from './progress';
import { renderSetup } from './setup';
import { $, action, call, list, load, offer, options, setStatus, statusOf, value } from './ui';

let sponsorId = '';

export function renderState(s: State, home?: Home): void {
  renderSetup(s, home);
  sponsorId = s.settings.sponsorId;
  const sponsor = s.program.find((f) => f.sponsor);
  $('rosterStatus').textContent = !s.roster.exists
    ? 'No roster yet: create it, fill one row per apprentice, then generate.'
    : `${s.roster.apprentices.length} apprentice(s) on the roster${sponsor ? `; sponsor framework ${sponsor.title} loaded` : ''}.`;
  $('createRoster').hidden = s.roster.exists;
  list('rosterErrors', s.roster.errors);
  transcriptChoices(s.roster.apprentices);
  options(
    'credentialFor',
    s.roster.apprentices.map((a) => ({ value: a.id, text: `${a.name} (${a.id})` })),
  );
}

/** Generation in small batches, so the determinate bar moves; it stops at the first failure. */
async function generateAll(): Promise<string> {
  const s = await call('getState');
  renderState(s);
  if (s.roster.errors.length) throw new Error(`Fix the roster first (listed below), then generate again.`);
  const ids = s.roster.apprentices.map((a) => a.id);
  if (!ids.length) throw new Error('The roster has no apprentices yet: fill one row per apprentice, then generate.');
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
  return `Generated the qual card and hours sheet of ${ids.length} apprentice(s).`;
}

function renderMembers(r: MembersResult): void {
  const ul = $('members');
  ul.textContent = '';
  for (const m of r.members) {
    const li = document.createElement('li');
    li.append(`${m.email}: ${m.role}${m.apprenticeId ? ` (${m.apprenticeId})` : ''}`);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary small';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${m.email}`);
    // A second press confirms: a removal takes the person's access away at once.
    remove.addEventListener('click', () => {
      if (remove.dataset.confirm !== 'yes') {
        remove.dataset.confirm = 'yes';
        remove.textContent = `Yes, remove ${m.role}`;
        remove.setAttribute('aria-label', `Yes, remove ${m.email}`);
        return;
      }
      void action(remove, async () => {
        const next = await call('removeMember', m.email);
        renderMembers(next); // this row and its button are gone: the list's own status line says what changed
        setStatus($('membersStatus'), 'ok', next.message);
        return undefined;
      });
    });
    li.appendChild(remove);
    ul.appendChild(li);
  }
}

function wireMembers(): void {
  $('setMember').addEventListener('click', () =>
    action('setMember', async () => {
      const email = value('memberEmail');
      if (!email) throw new Error("Type the person's Google account email first.");
      const r = await call('setMember', {
        email,
        role: $<HTMLSelectElement>('memberRole').value as 'admin' | 'coach' | 'consultant',
      });
      renderMembers(r);
      return r.message;
    }),
  );
}

/** One row per credential: its file to download, where it stands, and Revoke with a reason. */
function credentialRows(apprenticeId: string, files: CredentialFile[]): void {
  const ul = $('credentialLinks');
  ul.textContent = '';
  if (!files.length) ul.textContent = 'No credential yet: one is issued when a level is complete on confirmed entries.';
  for (const f of files) {
    const li = document.createElement('li');
    const link = (d: DownloadText, label: string): HTMLAnchorElement => {
      const a = document.createElement('a');
      a.href = `data:${d.contentType},${encodeURIComponent(d.text)}`;
      a.download = d.fileName;
      a.textContent = label;
      return a;
    };
    // The Data Integrity .json first (wallets read it); the .jwt is the same credential in its other form.
    li.append(link(f.json ?? f.jwt, f.name), ` (${f.status})`);
    if (f.json) li.append(' · ', link(f.jwt, '.jwt'));
    if (/^under review/i.test(f.status)) li.append(keepControls(apprenticeId, f));
    if (!/^revoked/i.test(f.status)) {
      const reason = document.createElement('input');
      reason.placeholder = 'Reason to revoke';
      reason.setAttribute('aria-label', `Reason to revoke ${f.name}`);
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'secondary small';
      revoke.textContent = 'Revoke';
      revoke.addEventListener('click', () =>
        action(revoke, async () => {
          if (!reason.value.trim()) throw new Error('Type why the credential is revoked first: the holder sees it.');
          const next = await call('revokeCredential', {
            apprenticeId,
            credentialId: f.credentialId,
            reason: reason.value.trim(),
          });
          credentialRows(apprenticeId, next);
          setStatus(statusOf($('credentials')), 'ok', `Revoked ${f.name}: the holder's verifiers now see it revoked.`);
          return undefined;
        }),
      );
      li.append(reason, revoke);
    }
    ul.appendChild(li);
  }
}

/** A credential under review: Keep it, with the reason (the flag clears; audited). Revoke is beside it. */
function keepControls(apprenticeId: string, f: CredentialFile): HTMLSpanElement {
  const span = document.createElement('span');
  const reason = document.createElement('input');
  reason.placeholder = 'Reason to keep';
  reason.setAttribute('aria-label', `Reason to keep ${f.name}`);
  const keep = document.createElement('button');
  keep.type = 'button';
  keep.className = 'secondary small';
  keep.textContent = 'Keep';
  keep.addEventListener('click', () =>
    action(keep, async () => {
      if (!reason.value.trim()) throw new Error('Type why the credential stands first: it is kept in the audit log.');
      const next = await call('keepCredential', {
        apprenticeId,
        credentialId: f.credentialId,
        reason: reason.value.trim(),
      });
      credentialRows(apprenticeId, next);
      setStatus(statusOf($('credentials')), 'ok', `Kept ${f.name}: no longer under review.`);
      return undefined;
    }),
  );
  span.append(reason, keep);
  return span;
}

function renderDigest(d: DigestForm): void {
  $<HTMLInputElement>('digestEnabled').checked = d.enabled;
  $<HTMLSelectElement>('digestWeekday').value = String(d.weekday);
  $<HTMLInputElement>('digestSheetUrl').value = d.sheetUrl;
  $<HTMLInputElement>('digestApprentices').checked = d.apprentices;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function wireRecords(): void {
  $('recordResults').addEventListener('click', () =>
    action('recordResults', async () => {
      const r = await call('recordResults');
      list('resultsNotes', r.notes);
      return confirmText(r);
    }),
  );
  $('attest').addEventListener('click', () =>
    action('attest', async () => {
      const reason = value('attestReason');
      if (!reason) throw new Error('Type the reason first (e.g. where the paper card says it was signed).');
      const evidence = value('attestEvidence');
      return (await call('attestSelection', { reason, ...(evidence ? { evidence } : {}) })).message;
    }),
  );
  $('credentials').addEventListener('click', () =>
    action('credentials', async () => {
      const id = $<HTMLSelectElement>('credentialFor').value;
      if (!id) throw new Error('Choose an apprentice first (the roster has none yet).');
      credentialRows(id, await call('credentialFiles', id));
      return undefined;
    }),
  );
  $('adminLearnerRecord').addEventListener('click', () =>
    action('adminLearnerRecord', async () => {
      const id = $<HTMLSelectElement>('credentialFor').value;
      if (!id) throw new Error('Choose an apprentice first (the roster has none yet).');
      const f = await call('downloadLearnerRecord', id);
      offer(f, $('adminLearnerRecordLink'));
      return `Learner record of ${id}: signed, as of today.`;
    }),
  );
  $('saveDigest').addEventListener('click', () =>
    action('saveDigest', async () => {
      const d = await call('saveDigest', {
        enabled: $<HTMLInputElement>('digestEnabled').checked,
        weekday: Number($<HTMLSelectElement>('digestWeekday').value),
        sheetUrl: value('digestSheetUrl'),
        apprentices: $<HTMLInputElement>('digestApprentices').checked,
      });
      renderDigest(d);
      return d.enabled ? `Digests go out every ${WEEKDAYS[d.weekday - 1]}.` : 'Digests are off.';
    }),
  );
  $('sponsorReport').addEventListener('click', () =>
    action('sponsorReport', async () => {
      if (!sponsorId) throw new Error('Save the program set-up (its sponsor) first.');
      const f = await call('downloadCohortReport', [sponsorId]);
      offer(f, $('sponsorReportLink'));
      return `Cohort report of ${sponsorId} downloaded.`;
    }),
  );
}

function wireWages(): void {
  $('createWageSchedule').addEventListener('click', () =>
    action('createWageSchedule', async () => {
      const r = await call('createWageSchedule');
      return r.created ? `Created the "${r.name}" sheet: one row per wage step.` : `"${r.name}" already exists.`;
    }),
  );
  $('recordRaise').addEventListener('click', () =>
    action('recordRaise', async () => {
      const r = await call('recordRaise', {
        apprenticeId: value('raiseApprentice'),
        step: Number(value('raiseStep')),
        effectiveDate: value('raiseDate'),
        note: value('raiseNote'),
      });
      return `${r.apprenticeId}: raised to step ${r.step} from ${r.effectiveDate} (audited). ${r.wage}`;
    }),
  );
}

export function wireAdmin(): void {
  $('generate').addEventListener('click', () => action('generate', generateAll, 'Generating…'));
  $('createRoster').addEventListener('click', () =>
    action('createRoster', async () => {
      const r = await call('createRoster');
      renderState(await call('getState'));
      return r.created
        ? `Created the "${r.name}" sheet: fill one row per apprentice, then generate.`
        : `The roster "${r.name}" already exists.`;
    }),
  );
  wireMembers();
  wireRecords();
  wireWages();
}

/** What the admin's home loads when it opens: the program, its members, the digest settings. */
export async function showAdmin(home: Home): Promise<void> {
  await Promise.all([
    load('homeStatus', async () => renderState(await call('getState'), home)),
    load('membersStatus', async () => renderMembers(await call('listMembers'))),
    load('digestStatus', async () => renderDigest(await call('getDigest'))),
  ]);
}
