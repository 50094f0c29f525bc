// The apprentice's home: their own progress (levels, what waits for confirmation, open requests, gaps) and "Ask my
// coach to confirm" for the rows they select. Nothing of anyone else's.
import type { ApprenticeHome } from '../src/sidebar-api';
import { $, action, call, list, load, offer, value } from './ui';

/** Gaps can run to a whole level's items: the first few here, the rest on the qual card. */
const GAPS_SHOWN = 8;

/** Whose record "Download my learner record" asks for: the home's own apprentice (the service checks it). */
let own = '';

function renderApprentice(h: ApprenticeHome): void {
  own = h.apprenticeId;
  $('apprenticeName').textContent = `${h.name}: your progress${h.asOf ? ` (${h.asOf})` : ''}`;
  const ul = $('levels');
  ul.textContent = '';
  for (const l of h.levels) {
    const li = document.createElement('li');
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = l.percent;
    bar.setAttribute('aria-label', `${l.title}: ${l.percent}%`);
    li.append(`${l.title}: ${l.complete ? 'complete' : `${l.percent}%`}`, bar);
    ul.appendChild(li);
  }
  list('pending', h.pending.length ? h.pending : ['Nothing: every entry you typed is confirmed.']);
  list(
    'myRequests',
    h.requests.length
      ? h.requests.map((r) => `${r.createdAt.slice(0, 10)}: ${r.open} of ${r.entries.length} still open`)
      : ['None open.'],
  );
  const more = h.gaps.length - GAPS_SHOWN;
  list('gaps', [
    ...h.gaps.slice(0, GAPS_SHOWN),
    ...(more > 0 ? [`and ${more} more: see your qual card "${h.sheets.qualCard}"`] : []),
  ]);
}

const refresh = (): Promise<void> =>
  load('apprenticeStatus', async () => renderApprentice(await call('apprenticeHome')));

export function wireApprentice(): void {
  $('myLearnerRecord').addEventListener('click', () =>
    action('myLearnerRecord', async () => {
      if (!own) throw new Error('Your progress has not loaded yet: wait a moment and press again.');
      offer(await call('downloadLearnerRecord', own), $('myLearnerRecordLink'));
      return 'Your learner record: every level, competency and hour, signed by your sponsor.';
    }),
  );
  $('ask').addEventListener('click', () =>
    action('ask', async () => {
      const note = value('askNote');
      const r = await call('askCoachToConfirm', note ? { note } : {});
      $<HTMLInputElement>('askNote').value = '';
      void refresh();
      return r.message;
    }),
  );
}

export const showApprentice = refresh;
