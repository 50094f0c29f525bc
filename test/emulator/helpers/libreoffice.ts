// Kept for test/office, which imports this path: the emulator tests' kit is ../kit/.
export * from '../kit/libreoffice';
