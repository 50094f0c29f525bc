// The consultant's home: Refresh cohort (the Cohort, Gaps and Gap list sheets of every sponsor they serve), the cohort report
// and transcripts as downloads, and the endpoint of their own spreadsheet.
import type { CohortRefreshResult, CohortState } from '../src/sidebar-api';
import { $, action, call, load, offer } from './ui';

function renderCohort(s: CohortState): void {
  $<HTMLInputElement>('consultantEndpoint').value = s.endpoint;
  const fs = $('reportSponsors');
  fs.querySelectorAll('label').forEach((l) => {
    l.remove();
  });
  for (const sp of s.sponsors) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = sp.id;
    label.append(box, `${sp.name} (${sp.id}, ${sp.role})`);
    fs.appendChild(label);
  }
  const sel = $<HTMLSelectElement>('cohortApprentice');
  sel.textContent = '';
  for (const a of s.apprentices) {
    const o = document.createElement('option');
    o.value = `${a.sponsorId}/${a.id}`;
    o.textContent = `${a.name} (${a.id}) · ${a.sponsorName}`;
    sel.appendChild(o);
  }
  $('cohortResult').textContent = s.refreshedAt
    ? `Last refreshed ${when(s.refreshedAt)}: ${s.sponsors.length} sponsor(s), ${s.apprentices.length} apprentice(s).`
    : 'Not refreshed yet.';
}

/** An ISO time as people read it: "2026-12-07 09:00 UTC". */
const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const refreshText = (r: CohortRefreshResult): string =>
  `Refreshed ${when(r.refreshedAt)}: ${r.sponsors} sponsor(s), ${r.apprentices} apprentice(s) on the Cohort sheet, ${r.gaps} row(s) on the Gaps sheet` +
  `${r.cutShort ? ` (${r.cutShort} apprentice(s) with more gaps than stored: see their transcripts)` : ''}.`;

export function wireConsultant(): void {
  $('saveEndpoint').addEventListener('click', () =>
    action('saveEndpoint', async () => {
      renderCohort(await call('saveEndpoint', $<HTMLInputElement>('consultantEndpoint').value));
      return 'Endpoint saved: refresh the cohort.';
    }),
  );
  $('refreshCohort').addEventListener('click', () =>
    action('refreshCohort', async () => {
      const r = await call('refreshCohort');
      renderCohort(r.state);
      $('cohortResult').textContent = ''; // the button's status line says it, in full
      return refreshText(r);
    }),
  );
  $('cohortReport').addEventListener('click', () =>
    action('cohortReport', async () => {
      const ids = Array.from($('reportSponsors').querySelectorAll<HTMLInputElement>('input:checked')).map(
        (i) => i.value,
      );
      const f = await call('downloadCohortReport', ids);
      offer(f, $('cohortLink'));
      return `Downloaded ${f.filename}.`;
    }),
  );
  $('cohortTranscript').addEventListener('click', () =>
    action('cohortTranscript', async () => {
      const [sid, aid] = $<HTMLSelectElement>('cohortApprentice').value.split('/');
      if (!sid || !aid) throw new Error('Refresh the cohort first, then choose an apprentice.');
      const f = await call('downloadTranscript', sid, aid);
      offer(f, $('cohortLink'));
      return `Downloaded ${f.filename}.`;
    }),
  );
}

/** What the consultant's home loads: the endpoint and the sponsors and apprentices of the last refresh. */
export const showConsultant = (): Promise<void> =>
  load('homeStatus', async () => renderCohort(await call('getCohortState')));
