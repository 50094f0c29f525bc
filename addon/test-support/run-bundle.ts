// Code.js as Apps Script runs it: evaluated in a fresh node:vm context whose only globals are the fake services
// (addon/test-support/fake-apps-script.ts) and console, so no Node global (structuredClone, Buffer) leaks in.
import vm from 'node:vm';
import { installFakeAppsScript, GLOBALS as SERVICES } from './fake-apps-script';

/** Evaluates `code` in a new context; `added` lists the globals it defined, `ms` how long the evaluation took. */
export function runBundle(code: string) {
  const fake = installFakeAppsScript();
  const services = Object.fromEntries(SERVICES.map((k) => [k, (globalThis as Record<string, unknown>)[k]]));
  fake.uninstall();
  const context = vm.createContext({ ...services, console });
  const before = new Set(Object.getOwnPropertyNames(context));
  const start = performance.now();
  vm.runInContext(code, context, { filename: 'Code.js' });
  const ms = performance.now() - start;
  const added = Object.getOwnPropertyNames(context).filter((k) => !before.has(k));
  return { fake, context: context as Record<string, unknown>, added, ms };
}
