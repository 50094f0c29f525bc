// The consultant panel (and the sponsor admin's cohort report): Refresh cohort, and downloads offered through a Blob
// URL and an <a download> (a data: URL is capped at a few MB in Chrome; a Blob is not).
import type { CohortRefreshResult, CohortState, DownloadFile, SidebarApi } from '../src/sidebar-api';

export interface Ui {
  $: <T extends HTMLElement = HTMLElement>(id: string) => T;
  action: (button: string, run: () => Promise<void>) => Promise<void>;
  show: (text: string, kind: 'error' | 'ok') => void;
}
type Call = <K extends keyof SidebarApi>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
) => Promise<ReturnType<SidebarApi[K]>>;

/** Turns the server's base64 into a file the browser saves, and leaves a link to save it again. */
export function offer(file: DownloadFile, where: HTMLElement): HTMLAnchorElement {
  const raw = atob(file.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  a.download = file.filename;
  a.textContent = `Download ${file.filename} (${Math.max(1, Math.round(file.bytes / 1024))} KB)`;
  where.textContent = '';
  where.appendChild(a);
  a.click();
  return a;
}

let cohort: CohortState | null = null;

export function renderCohort(ui: Ui, s: CohortState): void {
  cohort = s;
  ui.$<HTMLInputElement>('consultantEndpoint').value = s.endpoint;
  // A spreadsheet without a program of its own (no roster, no sponsor) may be a consultant's: their panel opens.
  ui.$<HTMLDetailsElement>('consultantPanel').open = !s.rosterExists && !s.sponsorId;
  const fs = ui.$('reportSponsors');
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
  const sel = ui.$<HTMLSelectElement>('cohortApprentice');
  sel.textContent = '';
  for (const a of s.apprentices) {
    const o = document.createElement('option');
    o.value = `${a.sponsorId}/${a.id}`;
    o.textContent = `${a.name} (${a.id}) · ${a.sponsorName}`;
    sel.appendChild(o);
  }
  ui.$('cohortResult').textContent = s.refreshedAt
    ? `Last refreshed ${s.refreshedAt}: ${s.sponsors.length} sponsor(s), ${s.apprentices.length} apprentice(s).`
    : 'Not refreshed yet.';
}

const refreshText = (r: CohortRefreshResult): string =>
  `Refreshed ${r.refreshedAt}: ${r.sponsors} sponsor(s), ${r.apprentices} apprentice(s) on the Cohort sheet, ${r.gaps} row(s) on the Gaps sheet` +
  `${r.cutShort ? ` (${r.cutShort} apprentice(s) with more gaps than stored: see their transcripts)` : ''}.`;

export function wireConsultant(ui: Ui, call: Call, sponsorId: () => string): void {
  ui.$('saveEndpoint').addEventListener('click', () =>
    ui.action('saveEndpoint', async () => {
      renderCohort(ui, await call('saveEndpoint', ui.$<HTMLInputElement>('consultantEndpoint').value));
      ui.show('Endpoint saved.', 'ok');
    }),
  );
  ui.$('refreshCohort').addEventListener('click', () =>
    ui.action('refreshCohort', async () => {
      const r = await call('refreshCohort');
      renderCohort(ui, r.state);
      ui.$('cohortResult').textContent = refreshText(r);
      ui.show('Cohort and Gaps sheets refreshed.', 'ok');
    }),
  );
  ui.$('cohortReport').addEventListener('click', () =>
    ui.action('cohortReport', async () => {
      const ids = Array.from(ui.$('reportSponsors').querySelectorAll<HTMLInputElement>('input:checked')).map(
        (i) => i.value,
      );
      offer(await call('downloadCohortReport', ids), ui.$('cohortLink'));
    }),
  );
  ui.$('cohortTranscript').addEventListener('click', () =>
    ui.action('cohortTranscript', async () => {
      const [sid, aid] = ui.$<HTMLSelectElement>('cohortApprentice').value.split('/');
      if (!sid || !aid) throw new Error('Refresh the cohort, then choose an apprentice');
      offer(await call('downloadTranscript', sid, aid), ui.$('cohortLink'));
    }),
  );
  ui.$('sponsorReport').addEventListener('click', () =>
    ui.action('sponsorReport', async () => {
      const sid = sponsorId() || cohort?.sponsorId || '';
      if (!sid) throw new Error('Set the sponsor id in set-up first');
      offer(await call('downloadCohortReport', [sid]), ui.$('sponsorReportLink'));
    }),
  );
}
