// Where the emulators listen; set by `firebase emulators:exec`.
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-qualcard';

export function apiUrl(): string {
  const host = process.env.FUNCTIONS_EMULATOR_HOST ?? '127.0.0.1:5001';
  return `http://${host}/${PROJECT_ID}/us-central1/api`;
}

export function firestoreHost(): string {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  if (!host)
    throw new Error('FIRESTORE_EMULATOR_HOST is not set: run inside `firebase emulators:exec` (npm run test:emulator)');
  return host;
}
