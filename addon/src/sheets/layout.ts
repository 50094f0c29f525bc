// A plan's layout (everything but its values, tag and protections) hashed to name a hidden prototype
// sheet. Apprentices with the same framework, version and level share one: their sheets are inserted from
// it with formats, validations and conditional formats in place, so each costs a handful of calls.
import type { SheetPlan } from '@qualcard/shared/sheets';

export function layoutOf(plan: SheetPlan): unknown {
  return [
    plan.rows,
    plan.cols,
    plan.styles,
    plan.validations,
    plan.columnWidths,
    plan.hiddenColumns,
    plan.frozenRows,
    plan.frozenColumns ?? 0,
    plan.collapsedColumns ?? null,
    plan.conditional,
  ];
}

/** Two 32-bit FNV-1a variants, base 36: stable across runs, short enough for a sheet name, no BigInt. */
export function hash(value: unknown): string {
  const s = JSON.stringify(value);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}

/** The layout's hash, kept in a generated sheet's tag: a sheet of the same layout can be refreshed in place. */
export const layoutHash = (plan: SheetPlan): string => hash(layoutOf(plan));

export const PROTOTYPE_PREFIX = 'qc-layout-';
/** A prototype built from a baseline is named by it too, so one never stands in for another's values. */
export const prototypeName = (plan: SheetPlan, base?: unknown): string =>
  `${PROTOTYPE_PREFIX}${plan.tag.kind}-${layoutHash(plan)}${base ? `-${hash(base)}` : ''}`;
