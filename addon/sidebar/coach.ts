// The coach's home: Confirm my ticks first, then what waits for them (their apprentices' unconfirmed ticks and hours,
// apprentices' requests), sign-off of selected rows, withdrawing confirmations made by mistake (the admin's home shows
// the same section, wired here once), Check progress, the signing standards, transcripts.
import type { CoachHome } from '../src/sidebar-api';
import { confirmText, transcriptChoices } from './progress';
import { coachStandards } from './standards';
import { $, action, call, list, load, value } from './ui';

function renderWaiting(h: CoachHome): void {
  const waiting = h.apprentices.filter((a) => a.ticksToConfirm || a.hoursToVerify || a.changedSinceConfirmed);
  list(
    'waiting',
    waiting.length
      ? waiting.map((a) => {
          const what = [
            a.ticksToConfirm ? `${a.ticksToConfirm} tick(s) to confirm` : '',
            a.hoursToVerify ? `${a.hoursToVerify} hours row(s) to verify` : '',
            a.changedSinceConfirmed
              ? `${a.changedSinceConfirmed} confirmed row(s) changed or deleted on the sheet (confirm or withdraw)`
              : '',
          ].filter(Boolean);
          return `${a.name}: ${what.join(', ')}`;
        })
      : [`Nothing waits in your ${h.apprentices.length} apprentice(s)' sheets.`],
  );
  $('requestsTitle').hidden = !h.requests.length;
  list(
    'requests',
    h.requests.map(
      (r) =>
        `${r.apprenticeName} asked on ${r.createdAt.slice(0, 10)}: ${r.entries.join('; ')}${r.note ? ` (“${r.note}”)` : ''}`,
    ),
  );
  transcriptChoices(h.apprentices);
}

async function refreshWaiting(): Promise<void> {
  await load('waitingStatus', async () => renderWaiting(await call('coachHome')));
}

/** "Withdraw selected confirmations", on the coach's and the admin's homes: the service decides whose they are. */
function wireWithdraw(): void {
  $('withdraw').addEventListener('click', () =>
    action('withdraw', async () => {
      const reason = value('withdrawReason');
      if (!reason) throw new Error('Type why the confirmations are withdrawn first: it is kept with each entry.');
      const r = await call('withdrawSelection', { reason });
      void refreshWaiting();
      return r.message;
    }),
  );
}

export function wireCoach(): void {
  wireWithdraw();
  $('confirmTicks').addEventListener('click', () =>
    action('confirmTicks', async () => {
      const r = await call('confirmMyTicks');
      list('confirmNotes', r.notes);
      void refreshWaiting();
      return confirmText(r);
    }),
  );
  $('signOff').addEventListener('click', () =>
    action('signOff', async () => {
      const r = await call('signOffSelection');
      void refreshWaiting();
      return `Signed ${r.signed.length} item(s) as ${r.coachEmail} on ${r.date}${r.alreadySigned.length ? `; already signed: ${r.alreadySigned.join(', ')}` : ''}.${r.percent !== null ? ` Target level now ${r.percent}%.` : ''}`;
    }),
  );
}

/** What the coach's home loads: what waits for them, and the program's signing standards. */
export async function showCoach(): Promise<void> {
  await Promise.all([
    refreshWaiting(),
    load('homeStatus', async () => list('coachStandards', coachStandards(await call('getState')))),
  ]);
}
