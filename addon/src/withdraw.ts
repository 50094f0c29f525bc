// "Withdraw selected confirmations" (a coach's home and the admin's): the confirmed rows selected on one
// apprentice's qual card or hours sheet are withdrawn with the reason, back to pending, each confirmation kept as
// history (the Confirmation column then says who withdrew it and why). The sheet is synced first, so the selection
// is matched against what the service holds; a coach sends only the confirmations they made, an admin any.
import type { RowConfirmations } from '@qualcard/shared';
import { requireService, whoAmI } from './admin-check';
import { send } from './api/client';
import { type WithdrawBody, type WithdrawResponse, withdrawRequest } from './api/requests';
import { readApprentices } from './apprentice-sheets';
import { showAnswer } from './dashboard-rows';
import { withLock } from './lock';
import { sync, syncBody } from './progress';
import { requireRoster } from './roster-io';
import { activeApprenticeSheet, selectedKeys } from './selection';
import { programFrameworks, readSettings } from './settings';
import type { WithdrawInput, WithdrawResult } from './sidebar-api';

type Lists = Omit<WithdrawBody, 'reason'>;
interface Picked {
  body: Required<Lists>;
  /** Selected rows that hold no confirmation, and confirmations someone else made (a coach's selection). */
  notConfirmed: number;
  others: string[];
}

/**
 * The selected rows' confirmations the caller may withdraw. Row keys: `item:<id>` (qual card sign-off),
 * `exam:<level>:<id>` and `cert:<level>:<id>` (results), hours and prior-credit row ids (hours sheet).
 */
export function pickWithdrawals(keys: string[], c: RowConfirmations, me: string, admin: boolean): Picked {
  const picked: Picked = {
    body: { signOffs: [], hours: [], priorCredit: [], exams: [], certifications: [] },
    notConfirmed: 0,
    others: [],
  };
  const take = (list: keyof Lists, id: string, by: string | undefined): void => {
    if (!by) picked.notConfirmed += 1;
    else if (admin || by === me) picked.body[list].push(id);
    else picked.others.push(`${id} (${by})`);
  };
  for (const key of new Set(keys)) {
    const [kind, ...rest] = key.split(':');
    if (kind === 'item') take('signOffs', rest.join(':'), c.signOffs[rest.join(':')]?.confirmation.by);
    else if (kind === 'exam') take('exams', rest.slice(1).join(':'), c.exams[rest.slice(1).join(':')]?.confirmation.by);
    else if (kind === 'cert')
      take('certifications', rest.slice(1).join(':'), c.certifications[rest.slice(1).join(':')]?.confirmation.by);
    else if (rest.length === 0 && key in c.hours) take('hours', key, c.hours[key]!.confirmation.by);
    else if (rest.length === 0 && key in c.priorCredit) take('priorCredit', key, c.priorCredit[key]!.confirmation.by);
    else if (rest.length === 0) picked.notConfirmed += 1;
  }
  return picked;
}

export function withdrawSelection(input: unknown): WithdrawResult {
  const action = 'Withdraw';
  const i = (input ?? {}) as Partial<WithdrawInput>;
  const reason = typeof i.reason === 'string' ? i.reason.trim() : '';
  if (!reason) throw new Error(`${action}: give the reason (e.g. "ticked on the wrong apprentice")`);
  return withLock(action, () => {
    const settings = requireService(readSettings(), action);
    const me = whoAmI(settings.endpoint);
    const role = me.sponsors[settings.sponsorId]?.role;
    if (role !== 'admin' && role !== 'coach')
      throw new Error(
        `${action}: only a coach (their own confirmations) or an admin withdraws; the Qualcard service knows ${me.email} as ${role ?? 'no member of that sponsor'}`,
      );
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const active = activeApprenticeSheet(ss);
    if (!active) throw new Error(`${action}: open an apprentice's qual card or hours sheet and select confirmed rows`);
    const frameworks = programFrameworks(settings);
    const row = requireRoster(ss, frameworks).find((r) => r.apprentice.id === active.apprenticeId);
    const tz = ss.getSpreadsheetTimeZone();
    const [read] = row ? readApprentices(ss, [row], frameworks, tz).sheets : [];
    if (!read) throw new Error(`${action}: ${active.apprenticeId} is not on the roster, or their sheets are missing`);
    const grid = active.kind === 'qualcard' ? read.qualSheet.grid : read.hoursSheet.grid;
    const keys = selectedKeys(ss, grid);
    const synced = sync(settings, syncBody(action, [read], settings, tz));
    const held = synced.apprentices.find((a) => a.apprenticeId === active.apprenticeId)?.confirmations;
    if (!held) throw new Error(`${action}: the service holds no record of ${active.apprenticeId}`);
    const picked = pickWithdrawals(keys, held, me.email, role === 'admin');
    const skipped = [
      picked.notConfirmed ? `${picked.notConfirmed} selected row(s) not confirmed` : '',
      picked.others.length ? `confirmed by someone else, left as they were: ${picked.others.join(', ')}` : '',
    ].filter(Boolean);
    const count = Object.values(picked.body).reduce((n, l) => n + l.length, 0);
    if (!count)
      throw new Error(
        `${action}: the selection holds no confirmation you may withdraw${skipped.length ? ` (${skipped.join('; ')})` : ''}; select confirmed rows`,
      );
    const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
    const r = send<WithdrawResponse>(withdrawRequest(endpoint, active.apprenticeId, { ...picked.body, reason }));
    showAnswer(ss, read, r.progress, r.confirmations);
    const withdrawn = {
      signOffs: r.withdrawn.signOffs.length,
      hours: r.withdrawn.hours.length,
      priorCredit: r.withdrawn.priorCredit.length,
      exams: r.withdrawn.exams.length,
      certifications: r.withdrawn.certifications.length,
    };
    const late = Object.values(r.notConfirmed).reduce((n, l) => n + l.length, 0);
    if (late) skipped.push(`${late} no longer confirmed when sent`);
    const parts = Object.entries(withdrawn).flatMap(([k, n]) => (n ? [`${n} ${k}`] : []));
    return {
      apprenticeId: active.apprenticeId,
      withdrawn,
      message: `Withdrew ${parts.join(', ')} of ${active.apprenticeId}: pending again.${skipped.length ? ` ${skipped.join('; ')}.` : ''}`,
    };
  });
}
