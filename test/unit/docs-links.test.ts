// The READMEs and docs/ are a map of the repository: every relative link and every repository path they cite must
// exist (a heading too, for a link with #anchor), none may send a reader outside the repository (a clone has no
// ../shared notes), and source comments citing a doc section must find it. The root README stays a short map.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** Machine notes kept outside the repository: a doc that names them sends a reader where a clone has nothing. */
const OUTSIDE_NOTES = ['PLATFORM', 'NOTES'].join('-');
/** Paths a doc may cite that are made by a build, a run or the reader, never committed. */
const MADE_LOCALLY = [
  'addon/dist/',
  'addon/.clasp.json',
  'functions/lib/',
  'functions/.secret.local',
  'out/',
  '.cache/',
  'test-artifacts/',
];
const TOP_DIRS = [
  'addon',
  'bench',
  'bin',
  'docs',
  'examples',
  'functions',
  'scripts',
  'shared',
  'templates',
  'test',
  'tools',
];
const PATH_LIKE = /\.(ts|js|mjs|sh|json|md|csv|html|css|rules)$|\/$/;
const PLACEHOLDER = /[<{*[:]/;

interface Doc {
  /** Repository-relative path, with `/`. */
  path: string;
  text: string;
}

const posix = (p: string) => p.split(sep).join('/');
const readDoc = (path: string): Doc => ({ path, text: readFileSync(join(ROOT, path), 'utf8') });

function mdUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return mdUnder(p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

const DOCS = ['README.md', 'functions/README.md', 'addon/README.md', 'tools/cli/README.md', ...mdUnder('docs')];

/** The text with fenced blocks blanked (line numbers kept), and the fenced Mermaid blocks' lines. */
function splitFences(text: string): { prose: string[]; mermaid: { line: number; text: string }[] } {
  const prose: string[] = [];
  const mermaid: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, i) => {
    const open = /^\s*```(\w*)/.exec(line);
    if (open) fence = fence === null ? open[1] || 'plain' : null;
    else if (fence === 'mermaid') mermaid.push({ line: i + 1, text: line });
    prose.push(fence !== null || open ? '' : line);
  });
  return { prose, mermaid };
}

/** GitHub's anchor for each heading of a Markdown file (duplicates get -1, -2...). */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of splitFences(text).prose) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = h[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

const madeLocally = (repoPath: string) => MADE_LOCALLY.some((m) => repoPath === m || repoPath.startsWith(m));

/** Where a cited path resolves in the repository (from the root, else the citing file's folder), or why not. */
function resolveCited(cited: string, from: string): string | null {
  const cut = cited.split('/').findIndex((s) => PLACEHOLDER.test(s));
  const checked = cut < 0 ? cited : cited.split('/').slice(0, cut).join('/');
  if (!checked) return null;
  for (const base of [ROOT, join(ROOT, dirname(from))]) {
    const repoPath = posix(relative(ROOT, join(base, checked))) + (checked.endsWith('/') ? '/' : '');
    if (repoPath.startsWith('..')) continue;
    if (existsSync(join(ROOT, repoPath)) || madeLocally(repoPath)) return null;
  }
  return `${cited} does not exist`;
}

/** A backticked token that names a repository path: a top folder first, or a path with a file extension. */
function isRepoPath(token: string): boolean {
  if (/\s/.test(token) || /^[/$.-]/.test(token) || token.includes('://') || !token.includes('/')) return false;
  // `unit/` or `hours/` alone may be anything (a Firestore collection...): a path needs a folder and a name.
  return TOP_DIRS.includes(token.split('/')[0]!) || (PATH_LIKE.test(token) && token.slice(0, -1).includes('/'));
}

function linkProblem(doc: Doc, target: string, line: number): string | null {
  if (/^(https?:|mailto:)/.test(target)) return null;
  const [file = '', anchor] = target.split('#');
  const path = file ? posix(relative(ROOT, join(ROOT, dirname(doc.path), file))) : doc.path;
  const where = `${doc.path}:${line}: link ${target}`;
  if (path.startsWith('..')) return `${where} points outside the repository`;
  if (!existsSync(join(ROOT, path))) return `${where}: ${path} does not exist`;
  if (anchor && path.endsWith('.md') && !anchorsOf(readFileSync(join(ROOT, path), 'utf8')).has(anchor))
    return `${where}: ${path} has no heading #${anchor}`;
  return null;
}

/** Every dangling link, cited path or outside reference in one doc. */
function docProblems(doc: Doc): string[] {
  const problems: string[] = [];
  const { prose, mermaid } = splitFences(doc.text);
  // Whole text, not line by line: a code span or a link's text may run over a line break.
  const text = prose.join('\n');
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/`([^`]+)`/g))
    if (isRepoPath(m[1]!)) {
      const p = resolveCited(m[1]!, doc.path);
      if (p) problems.push(`${doc.path}:${lineAt(m.index!)}: ${p}`);
    }
  const outsideCode = text.replace(/`[^`]*`/g, (span) => span.replace(/[^\n]/g, ' '));
  for (const m of outsideCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const p = linkProblem(doc, m[1]!, lineAt(m.index!));
    if (p) problems.push(p);
  }
  for (const { line, text } of mermaid)
    for (const m of text.matchAll(new RegExp(`(?<![\\w/.])((?:${TOP_DIRS.join('|')})/[\\w./*-]*)`, 'g'))) {
      const p = resolveCited(m[1]!, doc.path);
      if (p) problems.push(`${doc.path}:${line}: diagram: ${p}`);
    }
  if (doc.text.includes(OUTSIDE_NOTES))
    problems.push(`${doc.path}: names ${OUTSIDE_NOTES}, which is not in the repository`);
  return problems;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return ['node_modules', 'lib', 'dist', 'fixtures'].includes(e.name) ? [] : sourceFiles(p);
    return /\.(ts|js|mjs|sh)$/.test(e.name) ? [p] : [];
  });
}

/** A source comment's README or docs/ page (and `x.md, "Section"`) must resolve; no source names the outside notes. */
function sourceProblems(file: Doc): string[] {
  const problems: string[] = [];
  if (file.text.includes(OUTSIDE_NOTES)) problems.push(`${file.path}: names ${OUTSIDE_NOTES}`);
  // A comment's lines joined, so that a section name wrapped over two comment lines reads as one.
  const joined = file.text.replace(/\n\s*(?:\/\/|\*|#)\s*/g, ' ');
  for (const m of joined.matchAll(/((?:[\w.-]+\/)*README\.md|docs\/[\w./-]*\.md)\b(?:,?\s*"([^"]+)")?/g)) {
    const [, cited, section] = m as unknown as [string, string, string | undefined];
    const missing = resolveCited(cited, file.path);
    if (missing) {
      problems.push(`${file.path}: ${missing}`);
      continue;
    }
    if (!section) continue;
    const path = [cited, posix(join(dirname(file.path), cited))].find((p) => existsSync(join(ROOT, p)))!;
    if (!anchorsOf(readFileSync(join(ROOT, path), 'utf8')).has(anchorsOf(`# ${section}`).values().next().value!))
      problems.push(`${file.path}: ${cited} has no section "${section}"`);
  }
  return problems;
}

describe('the docs are a map that resolves', () => {
  test.each(DOCS)('%s: every relative link and cited repository path exists', (path) => {
    expect(docProblems(readDoc(path))).toEqual([]);
  });

  test('source comments that cite a doc (and a section of it) find them', () => {
    const files = [...TOP_DIRS.flatMap(sourceFiles)].filter((p) => p !== 'test/unit/docs-links.test.ts');
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((p) => sourceProblems(readDoc(p)))).toEqual([]);
  });

  test('the root README is a map: at most 200 lines', () => {
    expect(readDoc('README.md').text.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });
});

describe('the checker fails on what it must refuse', () => {
  const doc = (text: string): Doc => ({ path: 'docs/example.md', text });

  test('a dangling link, a missing anchor, a link out of the repository', () => {
    const text =
      '[a](engine.md) [b](nowhere.md) [c](engine.md#no-such-heading) [d](../../x.md)\n[wrapped\ntext](gone.md)';
    expect(docProblems(doc(text))).toEqual([
      'docs/example.md:1: link nowhere.md: docs/nowhere.md does not exist',
      'docs/example.md:1: link engine.md#no-such-heading: docs/engine.md has no heading #no-such-heading',
      'docs/example.md:1: link ../../x.md points outside the repository',
      'docs/example.md:3: link gone.md: docs/gone.md does not exist',
    ]);
  });

  test('a cited path that does not exist, in prose or in a diagram; placeholders and local files pass', () => {
    const text = [
      '`functions/src/app.ts` `functions/src/nope.ts` `functions/.env.<project-id>` `functions/lib/index.js`',
      '```mermaid',
      'A["addon/src/main.ts"] --> B["addon/src/gone.ts"]',
      '```',
    ].join('\n');
    expect(docProblems(doc(text))).toEqual([
      'docs/example.md:1: functions/src/nope.ts does not exist',
      'docs/example.md:3: diagram: addon/src/gone.ts does not exist',
    ]);
  });

  test('the outside notes, and a source comment citing a missing section', () => {
    expect(docProblems(doc(`see ${OUTSIDE_NOTES}.md`))).toEqual([
      `docs/example.md: names ${OUTSIDE_NOTES}, which is not in the repository`,
    ]);
    const source = { path: 'functions/src/x.ts', text: '// functions/README.md, "No such section"\n' };
    expect(sourceProblems(source)).toEqual([
      'functions/src/x.ts: functions/README.md has no section "No such section"',
    ]);
  });

  test('GitHub anchors: punctuation dropped, spaces to hyphens, duplicates numbered', () => {
    expect([...anchorsOf('# The cohort as JSON (`GET /v1/cohort`)\n## Wage steps\n## Wage steps\n')]).toEqual([
      'the-cohort-as-json-get-v1cohort',
      'wage-steps',
      'wage-steps-1',
    ]);
  });
});
