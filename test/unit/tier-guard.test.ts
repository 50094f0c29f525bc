// The unit tier is Node alone (test/setup/node-only.ts): starting LibreOffice, Chromium or the emulators fails here.
import { execFileSync, spawn } from 'node:child_process';

test('a unit test cannot start LibreOffice, Chromium or the Firebase emulators', () => {
  expect(() => execFileSync('soffice', ['--version'])).toThrow(/unit tier runs on Node alone.*test\/office/);
  expect(() => spawn('/usr/bin/chromium', ['--headless'])).toThrow(/unit tier runs on Node alone/);
  expect(() => execFileSync('npx', ['firebase', 'emulators:exec', 'true'])).toThrow(/unit tier runs on Node alone/);
});

test('Node itself still runs', () => {
  expect(execFileSync(process.execPath, ['-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok');
});
