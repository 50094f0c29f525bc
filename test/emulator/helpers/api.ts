// Kept for test/robustness, which imports this path (a path-string `call`): the emulator tests' kit is ../kit/.
export { raw as call } from '../kit/client';
export { clearFirestore, seedSponsor } from '../kit/db';
