// The five frameworks Qualcard ships, as tools/seeds/import-seeds.ts wrote them. Each file is exactly what
// Framework.parse returns for it (checkShippedFrameworks, run by the add-on build and test/unit/frameworks-shipped
// .test.ts), so the data is typed as it is, without a zod parse at run time. Static JSON imports so bundlers carry
// the data with the code; the add-on build swaps this module for a gzipped copy (addon/src/shipped-frameworks.ts).

import cts from '../frameworks/customer-technical-support.json';
import itGeneralist from '../frameworks/it-generalist-competencies.json';
import itGeneralistWps from '../frameworks/it-generalist-wps.json';
import itSupportWps from '../frameworks/it-support-wps.json';
import nitas from '../frameworks/nitas-help-desk.json';
import type { Framework } from './model/framework';

export const loadShippedFrameworks = (): Framework[] =>
  [nitas, itGeneralist, itGeneralistWps, itSupportWps, cts] as unknown as Framework[];
