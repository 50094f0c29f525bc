// The frameworks Qualcard ships (./frameworks-data.ts), loaded once per process or Apps Script execution.
import { loadShippedFrameworks } from './frameworks-data';
import type { Framework } from './model/framework';

let cache: Framework[] | undefined;

export function shippedFrameworks(): Framework[] {
  cache ??= loadShippedFrameworks();
  return cache;
}

export function getFramework(id: string): Framework | undefined {
  return shippedFrameworks().find((f) => f.id === id);
}
