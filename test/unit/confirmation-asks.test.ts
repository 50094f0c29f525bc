// Whether an entry an apprentice asked about is confirmed, from the stored rows: a sign-off by item id (every row of
// the item confirmed; an archived row is history), an hours row by its row id; a request is open while one is not.
import type { Confirmation, HoursEntry, SignOff } from '@qualcard/shared';
import { isConfirmed, isOpen, type Rows, withConfirmed } from '../../functions/src/confirm/asks';

const confirmation: Confirmation = {
  kind: 'confirmed',
  by: 'coach@acme.example',
  role: 'coach',
  at: '2026-11-02T10:00:00.000Z',
  date: '2026-11-02',
};
const signOff = (itemId: string, confirmed: boolean, archived = false): SignOff => ({
  itemId,
  date: '2026-11-01',
  ...(confirmed ? { confirmation } : {}),
  ...(archived ? { archived: { fromVersion: '1.0.0', toVersion: '1.1.0', at: '2026-10-01T00:00:00.000Z' } } : {}),
});
const hours = (id: string, confirmed: boolean): HoursEntry => ({
  id,
  date: '2026-11-01',
  category: 'on-the-job-learning',
  levelId: 'L1',
  hours: 8,
  description: 'help desk',
  ...(confirmed ? { confirmation } : {}),
});
const rows: Rows = {
  signOffs: [
    signOff('A', true),
    signOff('B', true),
    signOff('B', false),
    signOff('C', false, true),
    signOff('D', true),
    signOff('D', false, true),
  ],
  hours: [hours('h1', true), hours('h2', false)],
};
const so = (id: string) => ({ kind: 'signOff' as const, id });
const hr = (id: string) => ({ kind: 'hours' as const, id });

test('a sign-off is confirmed when every live row of its item is; archived rows do not count either way', () => {
  expect(isConfirmed(rows, so('A'))).toBe(true);
  expect(isConfirmed(rows, so('B'))).toBe(false);
  expect(isConfirmed(rows, so('C'))).toBe(false);
  expect(isConfirmed(rows, so('D'))).toBe(true);
  expect(isConfirmed(rows, so('Z'))).toBe(false);
});

test('an hours row by its id; an item id is not an hours id', () => {
  expect(isConfirmed(rows, hr('h1'))).toBe(true);
  expect(isConfirmed(rows, hr('h2'))).toBe(false);
  expect(isConfirmed(rows, hr('A'))).toBe(false); // an item id is not an hours row
  expect(isConfirmed(rows, so('h1'))).toBe(false); // nor an hours row an item
});

test('a request is open while one of its entries is not confirmed; each entry says where it stands', () => {
  expect(isOpen(rows, [so('A'), hr('h1')])).toBe(false);
  expect(isOpen(rows, [so('A'), hr('h2')])).toBe(true);
  expect(withConfirmed(rows, [{ ...so('A'), summary: 'ticked' }, hr('h2')])).toEqual([
    { kind: 'signOff', id: 'A', summary: 'ticked', confirmed: true },
    { kind: 'hours', id: 'h2', confirmed: false },
  ]);
});
