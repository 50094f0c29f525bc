// Kept for test/robustness, which imports this path: the emulator tests' kit is ../kit/.
export * from '../kit/env';
