// What the admin's and the coach's homes share: Check progress, transcripts, and a confirmation's outcome in words.
import type { ConfirmResult } from '../src/sidebar-api';
import { $, action, call, offer, options } from './ui';

/** What Confirm my ticks or Record results did, in words. */
export function confirmText(r: ConfirmResult): string {
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
    `Confirmed ${done.length ? done.join(' and ') : 'nothing new'} for ${r.apprentices} apprentice(s) as ${r.by}` +
    `${r.already ? `, ${r.already} already confirmed` : ''}; skipped ${skipped}${why.length ? `: ${why.join(', ')}` : ''}.` +
    `${r.missing.length ? ` Not generated yet: ${r.missing.join(', ')}.` : ''}`
  );
}

/** The apprentices whose transcripts this home may export. */
export function transcriptChoices(apprentices: { id: string; name: string }[]): void {
  options(
    'transcriptFor',
    apprentices.map((a) => ({ value: a.id, text: `${a.name} (${a.id})` })),
  );
}

export function wireProgress(): void {
  $('check').addEventListener('click', () =>
    action('check', async () => {
      const r = await call('checkProgress');
      const who = r.coachEmail ? ` (your apprentices, as coach ${r.coachEmail})` : '';
      const where = r.synced
        ? 'synced'
        : 'checked here (no Qualcard service set up: nothing is confirmed, nothing counts)';
      return `${r.apprentices} apprentice(s)${who} ${where} as of ${r.asOf}: ${r.gaps} gap(s), ${r.pending} entr${r.pending === 1 ? 'y' : 'ies'} pending confirmation. See the Dashboard sheet.${r.missing.length ? ` Not generated yet: ${r.missing.join(', ')}.` : ''}`;
    }),
  );
  $('transcript').addEventListener('click', () =>
    action('transcript', async () => {
      const id = $<HTMLSelectElement>('transcriptFor').value;
      if (!id) throw new Error('Choose an apprentice first (the roster has none yet).');
      const t = await call('exportTranscript', id);
      offer(
        { filename: t.fileName, contentType: t.contentType, base64: t.base64, bytes: (t.base64.length * 3) / 4 },
        $('transcriptLink'),
      );
      return `Transcript of ${id} downloaded.`;
    }),
  );
}
