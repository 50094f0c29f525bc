// Which sections each screen of the sidebar shows, in order: the one definition of what each home holds (the sidebar
// shows them, the browser test checks no other role's section is visible). Data only: no DOM.
import type { Home, HomeRole } from '../src/sidebar-api';

export type Screen = HomeRole | Exclude<Home['stage'], 'home'>;

/** Each screen's sections, in the order shown: the one definition of what each home holds. */
export const HOMES: Record<Screen, string[]> = {
  connect: ['connect'],
  setup: ['setup'],
  'no-access': ['noAccess'],
  offline: ['offline'],
  admin: [
    'rosterPanel',
    'membersPanel',
    'resultsPanel',
    'attestPanel',
    'withdrawPanel',
    'wagePanel',
    'credentialsPanel',
    'digestPanel',
    'checkPanel',
    'transcriptPanel',
    'reportPanel',
    'setup',
  ],
  coach: [
    'confirmPanel',
    'waitingPanel',
    'signPanel',
    'withdrawPanel',
    'checkPanel',
    'standardsPanel',
    'transcriptPanel',
  ],
  consultant: ['consultantPanel'],
  apprentice: ['progressPanel', 'askPanel', 'apprenticeDetail'],
};
