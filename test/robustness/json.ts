// JSON trees addressed by paths (['records', 0, 'apprentice', 'id']): what the faults edit. Keys such as `__proto__`
// are own properties here, as JSON.parse makes them on the server, and values JSON cannot spell (NaN, 1e999) are
// written as raw tokens when the body is serialised.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

/** A copy that keeps `__proto__` keys as own properties (structuredClone and spreading would not). */
export const cloneJson = <T extends Json>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sets an own property even when the key is `__proto__`. */
export function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, key: string | number): boolean => Object.hasOwn(o, key);

export function getAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

/** Replaces the value at `path` (the root when the path is empty); false when the parent is gone. */
export function setAt(root: { body: Json }, path: Path, value: Json): boolean {
  if (path.length === 0) {
    root.body = value;
    return true;
  }
  const parent = getAt(root.body, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number' && key < parent.length) parent[key] = value;
  else if (isObject(parent) && typeof key === 'string' && hasOwn(parent, key)) setOwn(parent, key, value);
  else return false;
  return true;
}

export function deleteAt(root: Json, path: Path): boolean {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isObject(parent) || typeof key !== 'string' || !hasOwn(parent, key)) return false;
  delete parent[key];
  return true;
}

/** Every path in the tree, the root first, parents before children. */
export function allPaths(root: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(root)) {
    for (const [i, v] of root.entries()) out.push(...allPaths(v, [...at, i]));
  } else if (isObject(root)) for (const [k, v] of Object.entries(root)) out.push(...allPaths(v, [...at, k]));
  return out;
}

export const pathText = (path: Path): string => (path.length ? path.join('.') : '(body)');

// Raw JSON tokens: a marker string stands for the token in the tree and is swapped in after JSON.stringify.
const RAW = '\u0000raw:';
export const rawToken = (token: string): string => `${RAW}${token}`;
const RAW_PATTERN = /"\\u0000raw:([^"]*)"/g;

/** The request body's bytes. */
export function serialise(body: Json): string {
  return JSON.stringify(body).replace(RAW_PATTERN, (_m, token: string) => token);
}

/** The value the server's JSON.parse gives for a raw token (for the local schema check). */
export function parsedValue(body: Json): unknown {
  try {
    return JSON.parse(serialise(body));
  } catch {
    return undefined;
  }
}

/** A short, readable form of a body for reports: long strings and deep nesting summarised. */
export function abbreviate(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (value.length <= 80) return value;
    const head = value.slice(0, 24);
    const uniform = value === value[0]!.repeat(value.length);
    return uniform
      ? `<${JSON.stringify(value[0])} x ${value.length}>`
      : `<${JSON.stringify(head)}... ${value.length} chars>`;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return `<nested ${nestingDepth(value)} levels>`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 5).map((v) => abbreviate(v, depth + 1));
    return value.length > 5 ? [...shown, `<... ${value.length} items>`] : shown;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out as Record<string, Json>, k, abbreviate(v, depth + 1) as Json);
  return out;
}

function nestingDepth(value: unknown): number {
  let depth = 0;
  let node: unknown = value;
  while (node !== null && typeof node === 'object') {
    depth++;
    node = Array.isArray(node) ? node[0] : Object.values(node)[0];
  }
  return depth;
}
