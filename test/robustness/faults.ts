// What a bad request is made of: a valid base request (a draft) and faults that edit it. A fault of the `schema`
// family edits the JSON body; the request counts as bad only if the endpoint's own request schema then refuses the
// body (checked locally, so a fault that happens to leave the body valid is never sent as "bad"). A fault of the
// `rule` family is bad by a rule the schema does not express (a token, a role, a path, a Firestore limit, the body's
// transport): it is applied after the schema faults, so nothing undoes it.
import { type Json, type Path, serialise, setAt } from './json';
import type { TokenFault } from './tokens';

export type Family = 'schema' | 'rule';

/** A request being built: the base request of an endpoint, then edited by faults. */
export interface Draft {
  /** Whose good token is sent (or forged, see `token`). */
  caller: string;
  token?: TokenFault;
  /** Path values, already percent-encoded (a fault may put `%2F` or `..` here on purpose). */
  params: Record<string, string>;
  /** The JSON body, in a box so a fault can replace the root. */
  json: { body: Json };
  /** Bytes sent instead of the JSON body (non-JSON bodies). */
  raw?: string | Buffer;
  /** Content-Type header; null sends none. */
  contentType: string | null;
}

export interface Fault {
  /** Short name, for the summary per fault kind ('wrong-type', 'token:expired', 'doc-key-too-long', ...). */
  kind: string;
  family: Family;
  /** Where and what, for reports ('records.0.apprentice.id = <"a" x 1600>'). */
  detail: string;
  /** Edits the draft; false when it found nothing to edit (its target was removed by an earlier fault). */
  apply(draft: Draft): boolean;
  /**
   * The fault leaves a valid request that must change nothing (naming only rows already confirmed): it is answered
   * 200 and writes nothing, or refused. Such a request is never counted as a bad one accepted.
   */
  noOp?: boolean;
}

export const fault = (kind: string, family: Family, detail: string, apply: (d: Draft) => boolean): Fault => ({
  kind,
  family,
  detail,
  apply,
});

/** Shorthand for a rule fault that always applies. */
export const always = (kind: string, detail: string, apply: (d: Draft) => void): Fault =>
  fault(kind, 'rule', detail, (d) => {
    apply(d);
    return true;
  });

/** What goes on the wire. */
export interface WireRequest {
  method: string;
  path: string;
  caller: string;
  token?: TokenFault;
  contentType: string | null;
  body: string | Buffer;
}

export function bodyBytes(draft: Draft): string | Buffer {
  return draft.raw ?? serialise(draft.json.body);
}

/** Makes the JSON body exactly `bytes` bytes long by ASCII padding at `path` (which must hold a string). */
export function padTo(draft: Draft, path: Path, bytes: number): boolean {
  if (!setAt(draft.json, path, '')) return false;
  const base = Buffer.byteLength(serialise(draft.json.body));
  return setAt(draft.json, path, 'p'.repeat(Math.max(0, bytes - base)));
}
