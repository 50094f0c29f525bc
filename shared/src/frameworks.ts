// The frameworks Qualcard ships, imported from the source documents by tools/seeds/import-seeds.ts.
// Static JSON imports so bundlers (add-on, functions) carry the data with the code.

import cts from '../frameworks/customer-technical-support.json';
import itGeneralist from '../frameworks/it-generalist-competencies.json';
import itGeneralistWps from '../frameworks/it-generalist-wps.json';
import itSupportWps from '../frameworks/it-support-wps.json';
import nitas from '../frameworks/nitas-help-desk.json';
import { Framework } from './model/framework';

let cache: Framework[] | undefined;

export function shippedFrameworks(): Framework[] {
  cache ??= [nitas, itGeneralist, itGeneralistWps, itSupportWps, cts].map((f) => Framework.parse(f));
  return cache;
}

export function getFramework(id: string): Framework | undefined {
  return shippedFrameworks().find((f) => f.id === id);
}
