// Typed Firestore documents: every read goes through a converter that parses the document with its zod schema, so
// a document that does not hold what the code expects fails loudly where it is read (a 500 naming the document),
// never as a wrong value further on. Writes pass through as they are: the use cases build them from parsed values.
import type {
  DocumentData,
  DocumentReference,
  DocumentSnapshot,
  Firestore,
  FirestoreDataConverter,
  QueryDocumentSnapshot,
} from 'firebase-admin/firestore';
import type * as z from 'zod';

export class StoredDocumentError extends Error {
  constructor(path: string, error: z.ZodError) {
    const issue = error.issues[0];
    super(`stored document ${path} does not fit its schema: ${issue?.path.join('.')}: ${issue?.message}`);
    this.name = 'StoredDocumentError';
  }
}

export function typed<S extends z.ZodType>(schema: S): FirestoreDataConverter<z.output<S>> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore: (snap: QueryDocumentSnapshot) => {
      const parsed = schema.safeParse(snap.data());
      if (!parsed.success) throw new StoredDocumentError(snap.ref.path, parsed.error);
      return parsed.data;
    },
  };
}

/**
 * One read of several documents, typed as their references are: the Admin SDK applies each reference's converter in
 * getAll, but its signature forgets the type.
 */
export async function getAll<T>(db: Firestore, refs: DocumentReference<T>[]): Promise<DocumentSnapshot<T>[]> {
  return refs.length ? ((await db.getAll(...(refs as DocumentReference[]))) as DocumentSnapshot<T>[]) : [];
}
