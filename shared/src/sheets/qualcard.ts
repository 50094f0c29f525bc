// The qual card plan: header block, a level table with live progress, exams and certifications, the
// items grouped by work function with sign-off columns, and an archived block for items that left the
// framework. Existing sign-offs are placed by row key, so regenerating never loses one.

import qualCardTemplate from '../../../templates/qualcard.json';
import { MAX_TEXT_LENGTH } from '../model/limits';
import { columnHeader, columnWidth, type QualCardColumn, qualCardColumns, textKeys } from './columns';
import { categoryLabel, HOURS_CATEGORIES, type HoursPlan, levelsInScope } from './hours';
import type { Framework, HoursCategory, Item, Level } from './model';
import {
  a1,
  type Cell,
  columnLetter,
  fill,
  PlanBuilder,
  type SheetPlan,
  sheetName,
  sheetRef,
  str,
  type Validation,
} from './plan';
import { type ExistingQualCard, hasData, type KeptSignOff } from './read';
import type { RosterRow } from './roster-row';
import { withRuleText } from './rule-text';

const template = withRuleText(qualCardTemplate);
const V = {
  checkbox: { kind: 'checkbox' } as Validation,
  date: { kind: 'date', help: template.help_validation.signedDate } as Validation,
  email: { kind: 'email', help: template.help_validation.signedBy } as Validation,
};
const BAR = (pct: string, width = 20): string =>
  `REPT("█",ROUND(${pct}*${width}/100))&REPT("░",${width}-ROUND(${pct}*${width}/100))`;
const required = (l: Level, c: HoursCategory): number => l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;

export interface QualCardRefs {
  /** Cell (A1) of each level's percent, for the dashboard and the header. */
  percentCell: Record<string, string>;
}

export function planQualCard(
  framework: Framework,
  roster: RosterRow,
  existing: ExistingQualCard | null,
  hours: HoursPlan,
): SheetPlan & QualCardRefs {
  const { apprentice } = roster;
  const scope = levelsInScope(framework, apprentice.levelId);
  const scopeIds = new Set(scope.map((l) => l.id));
  const texts = textKeys(framework);
  const columns = qualCardColumns(texts);
  const categories = HOURS_CATEGORIES.filter((c) => scope.some((l) => required(l, c) > 0));
  const tableHeaders = [
    template.levelTable[0]!,
    template.levelTable[1]!,
    template.levelTable[2]!,
    ...categories.flatMap((c) => [`${categoryLabel(c)} counted`, `${categoryLabel(c)} required`]),
    ...template.levelTable.slice(3),
  ];
  const b = new PlanBuilder(Math.max(columns.length, tableHeaders.length + 1));
  const col = (c: QualCardColumn): number => columns.indexOf(c) + 1;
  const L = (c: QualCardColumn): string => columnLetter(col(c));
  const firstText = col(`text:${texts[0]!}`);
  const kept = new Map(existing?.rows ?? []);
  const take = (key: string): KeptSignOff | undefined => {
    const k = kept.get(key);
    kept.delete(key);
    return k;
  };

  const t = b.row(['title', fill(template.title, { name: apprentice.name })], 'title');
  b.key('title', t);
  b.row(['help', template.help], 'help');
  b.row();
  const meta: [string, Cell][] = [
    ['apprentice', apprentice.name],
    ['id', apprentice.id],
    ['framework', `${framework.title} (version ${framework.version})`],
    ['level', `${scope.at(-1)!.title} (${apprentice.levelId})`],
    ['coach', apprentice.coachEmails.join(', ')],
    ['start', apprentice.startDate],
  ];
  for (const [k, v] of meta) {
    const r = b.row([`meta:${k}`, template.headerLabels[k as keyof typeof template.headerLabels], v]);
    b.style(r, 1, 'key');
    b.style(r, 2, 'label');
    b.style(r, 3, k === 'start' ? 'date' : 'value');
  }
  const progressRow = b.row(['meta:progress', template.headerLabels.progress]);
  b.style(progressRow, 1, 'key');
  b.style(progressRow, 2, 'label');
  b.row();

  // Level table: formulas filled in once the item and requirement rows are known.
  const tableRow = b.row(['levels', ...tableHeaders], 'header');
  const levelRows = new Map(
    scope.map((l) => {
      const r = b.row([`level:${l.id}`, `${l.title} (${l.id})`]);
      b.key(`level:${l.id}`, r);
      b.style(r, 1, 'key');
      b.style(r, 2, 'label');
      return [l.id, r];
    }),
  );
  b.row();

  // Exams and certifications per level: a tick and a date.
  b.row(['requirements', template.requirementsTitle], 'section');
  const reqRows = new Map<string, { exams: [number, number] | null; certs: [number, number] | null }>();
  for (const level of scope) {
    const block = (kind: 'exam' | 'cert', list: { id: string; title: string }[]): [number, number] | null => {
      if (!list.length) return null;
      const rows = list.map((e) => {
        const key = `${kind}:${level.id}:${e.id}`;
        const k = take(key);
        const r = b.row([key, kind === 'exam' ? 'Exam' : 'Certification']);
        b.set(r, firstText, `${level.title}: ${e.title}`, 'text');
        b.set(r, col('signed'), k?.signed ?? false, 'checkbox', V.checkbox);
        b.set(r, col('signedDate'), k?.date ?? '', 'date', V.date);
        b.set(r, col('notes'), k?.notes ?? '', 'text');
        b.style(r, 1, 'key');
        b.key(key, r);
        return r;
      });
      return [rows[0]!, rows.at(-1)!];
    };
    reqRows.set(level.id, {
      exams: block('exam', level.requirements.exams),
      certs: block('cert', level.requirements.certifications),
    });
  }
  b.row();

  // Items grouped by work function.
  const headerRow = b.row(['columns', ...columns.slice(1).map(columnHeader)], 'header');
  const itemRow = (
    key: string,
    item: { id: string; texts: Partial<Record<string, string>>; core: string; levels: string },
    k: KeptSignOff | undefined,
    archived: boolean,
  ): number => {
    const r = b.row([key, item.id], archived ? 'archived' : null);
    texts.forEach((tk) => b.set(r, col(`text:${tk}`), item.texts[tk] ?? '', archived ? 'archived' : 'text'));
    b.set(r, col('core'), item.core);
    b.set(r, col('levels'), item.levels);
    b.set(r, col('signed'), k?.signed ?? false, archived ? 'archived' : 'checkbox', V.checkbox);
    b.set(r, col('signedDate'), k?.date ?? '', archived ? 'archived' : 'stampDate', archived ? null : V.date);
    b.set(r, col('signedBy'), k?.signedBy ?? '', archived ? 'archived' : 'stamp', archived ? null : V.email);
    const txt = { kind: 'formula', help: template.help_validation.text } as const;
    b.set(
      r,
      col('evidence'),
      k?.evidence ?? '',
      archived ? 'archived' : 'text',
      archived ? null : { ...txt, formula: `=LEN(${a1(r, col('evidence'))})<=${MAX_TEXT_LENGTH}` },
    );
    b.set(
      r,
      col('notes'),
      k?.notes ?? '',
      archived ? 'archived' : 'text',
      archived ? null : { ...txt, formula: `=LEN(${a1(r, col('notes'))})<=${MAX_TEXT_LENGTH}` },
    );
    if (!archived) {
      b.set(
        r,
        col('status'),
        `=IF(${a1(r, col('signed'))}=TRUE,IF(AND(${a1(r, col('signedDate'))}<>"",${a1(r, col('signedBy'))}<>""),"signed","pending"),"")`,
        'stamp',
      );
    }
    b.style(r, 1, 'key');
    b.key(key, r);
    return r;
  };
  const firstBlockRow = headerRow + 1;
  for (const wf of framework.workFunctions) {
    const items = wf.items.filter((i) => i.levels.some((l) => scopeIds.has(l)));
    if (!items.length) continue;
    const wfRow = b.row([`wf:${wf.id}`, wf.id], 'section');
    b.set(wfRow, firstText, wf.title);
    const rows = items.map((i: Item) =>
      itemRow(
        `item:${i.id}`,
        { id: i.id, texts: i.texts, core: i.core, levels: i.levels.filter((l) => scopeIds.has(l)).join(', ') },
        take(`item:${i.id}`),
        false,
      ),
    );
    const range = (c: QualCardColumn): string => `${L(c)}${rows[0]}:${L(c)}${rows.at(-1)}`;
    const done = `COUNTIFS(${range('core')},"core",${range('status')},"signed")`;
    const need = `COUNTIF(${range('core')},"core")`;
    b.set(wfRow, col('signedBy'), `=${done}&" of "&${need}&" core signed"`);
    b.set(wfRow, col('evidence'), `=IF(${need}=0,"",${BAR(`100*${done}/${need}`, 10)})`, 'bar');
    b.key(`wf:${wf.id}`, wfRow);
  }
  const lastBlockRow = b.rowCount;

  // Archived: kept rows whose item, exam or certification is not on this card any more.
  const leftovers = [...kept.values()].filter(hasData);
  if (leftovers.length) {
    b.row();
    const ar = b.row(
      ['archived-title', fill(template.archivedTitle, { framework: framework.title, version: framework.version })],
      'section',
    );
    b.key('archived-title', ar);
    for (const k of leftovers)
      itemRow(`archived:${k.key}`, { id: k.label || k.key, texts: k.texts, core: 'archived', levels: '' }, k, true);
  }

  // Level table formulas: the same parts and the same rounding as the engine's level percent.
  const blockRange = (c: QualCardColumn): string =>
    `${L(c)}${firstBlockRow}:${L(c)}${Math.max(firstBlockRow, lastBlockRow)}`;
  const levelMatch = (id: string, extra: string): string =>
    [str(id), str(`${id}, *`), str(`*, ${id}`), str(`*, ${id}, *`)]
      .map((p) => `COUNTIFS(${blockRange('levels')},${p},${blockRange('core')},"core"${extra})`)
      .join('+');
  const hoursSheet = sheetRef(hours.plan.name);
  const percentCell: Record<string, string> = {};
  for (const level of scope) {
    const r = levelRows.get(level.id)!;
    let c = 3;
    const parts: string[] = [];
    const pair = (done: string, need: string | number, counts: boolean): void => {
      b.set(r, c, `=${done}`);
      b.set(r, c + 1, typeof need === 'number' ? need : `=${need}`);
      if (counts) parts.push(`MIN(1,${a1(r, c)}/${a1(r, c + 1)})`);
      c += 2;
    };
    const coreCount = framework.workFunctions
      .flatMap((wf) => wf.items)
      .filter((i) => i.core === 'core' && i.levels.includes(level.id)).length;
    pair(levelMatch(level.id, `,${blockRange('status')},"signed"`), levelMatch(level.id, ''), coreCount > 0);
    for (const cat of categories) {
      const cell = hours.counted[`${level.id}|${cat}`];
      if (cell) pair(`${hoursSheet}!${cell}`, required(level, cat), true);
      else {
        b.set(r, c, '');
        b.set(r, c + 1, 0);
        c += 2;
      }
    }
    const req = reqRows.get(level.id)!;
    const ticks = (span: [number, number] | null): string =>
      span ? `COUNTIF(${L('signed')}${span[0]}:${L('signed')}${span[1]},TRUE)` : '0';
    pair(ticks(req.exams), level.requirements.exams.length, level.requirements.exams.length > 0);
    pair(ticks(req.certs), level.requirements.certifications.length, level.requirements.certifications.length > 0);
    b.set(r, c, parts.length ? `=ROUND((${parts.join('+')})/${parts.length}*100,1)` : 100, 'percent');
    b.set(r, c + 1, `=${BAR(a1(r, c))}`, 'bar');
    percentCell[level.id] = a1(r, c);
  }
  const target = percentCell[apprentice.levelId]!;
  b.set(progressRow, 3, `=${target}`, 'percent');
  b.set(progressRow, 4, `=${BAR(target)}`, 'bar');
  b.style(tableRow, 1, 'key');

  const widths = Array.from({ length: b.cols }, (_, i) => (columns[i] ? columnWidth(columns[i]!) : 90));
  const stampArea = {
    row: firstBlockRow,
    col: col('signedDate'),
    rows: Math.max(1, b.rowCount - firstBlockRow + 1),
    cols: col('status') - col('signedDate') + 1,
  };
  const statusArea = {
    row: firstBlockRow,
    col: col('status'),
    rows: Math.max(1, b.rowCount - firstBlockRow + 1),
    cols: 1,
  };
  const plan = b.build({
    name: sheetName(template.sheetName, { name: apprentice.name, id: apprentice.id }),
    tag: {
      kind: 'qualcard',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: widths,
    hiddenColumns: [1],
    frozenRows: 0,
    // Warning-only: the add-on writes the stamp as the signing coach, who must be able to edit it.
    protections: [
      {
        area: stampArea,
        description: 'Signed date and signed by are stamped by Qualcard from verified sign-offs',
        warningOnly: true,
      },
    ],
    conditional: [
      { area: statusArea, textEquals: 'pending', background: '#fef7e0', color: '#b06000' },
      { area: statusArea, textEquals: 'signed', background: '#e6f4ea', color: '#137333' },
    ],
    charts: [],
  });
  return { ...plan, percentCell };
}
