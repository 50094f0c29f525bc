// The sign-off standard of each program framework's levels, as the coach reads it above Confirm my ticks: the
// standard a tick is confirmed against (issue 20). A level whose document states none says so.
import type { State } from '../src/sidebar-api';

export function coachStandards(s: Pick<State, 'program'>): string[] {
  return s.program.flatMap((f) =>
    f.levels.map((l) =>
      l.standard
        ? `${f.title}, ${l.title}: ${l.standard}`
        : `${f.title}, ${l.title}: the document states no sign-off standard; apply your program's`,
    ),
  );
}
