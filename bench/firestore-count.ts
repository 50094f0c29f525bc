// Counts the Firestore reads and writes this process makes, as Firestore bills them: a document returned by a get
// (found or missing) or a query is one read, an empty query is one read, a document in a commit is one write.
// It wraps three internals of @google-cloud/firestore (the copy firebase-admin loads, so the functions' own code run
// in process is counted): DocumentReader._get (get, getAll, transactional gets), Query._createSnapshot (every query
// result) and Firestore.request (commit, batchWrite). The emulator keeps no usage figures, hence this.
import { createRequire } from 'node:module';

export interface Usage {
  reads: number;
  writes: number;
}

const usage: Usage = { reads: 0, writes: 0 };
let installed = false;

type Fn = (...args: never[]) => unknown;
function wrap(proto: Record<string, Fn>, name: string, after: (result: unknown, args: unknown[]) => void): void {
  const original = proto[name]!;
  proto[name] = function (this: unknown, ...args: never[]) {
    const out = original.apply(this, args);
    if (out instanceof Promise)
      return out.then((r) => {
        after(r, args);
        return r;
      });
    after(out, args);
    return out;
  } as Fn;
}

function install(): void {
  if (installed) return;
  installed = true;
  const fromAdmin = createRequire(require.resolve('firebase-admin/firestore'));
  const gcf = fromAdmin('@google-cloud/firestore');
  const reader = fromAdmin(`${fromAdmin.resolve('@google-cloud/firestore').replace(/index\.js$/, '')}document-reader`);
  wrap(reader.DocumentReader.prototype, '_get', (r) => {
    usage.reads += (r as { result: unknown[] }).result.length;
  });
  wrap(gcf.Query.prototype, '_createSnapshot', (_r, args) => {
    usage.reads += Math.max(1, args[1] as number);
  });
  wrap(gcf.Firestore.prototype, 'request', (_r, args) => {
    const [method, request] = args as [string, { writes?: unknown[] }];
    if (method === 'commit' || method === 'batchWrite') usage.writes += request.writes?.length ?? 0;
  });
}

/** Reads and writes made while `fn` runs (nothing else should touch Firestore in this process meanwhile). */
export async function counted<T>(fn: () => Promise<T>): Promise<{ result: T } & Usage> {
  install();
  const before = { ...usage };
  const result = await fn();
  return { result, reads: usage.reads - before.reads, writes: usage.writes - before.writes };
}
