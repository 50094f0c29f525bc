// Regenerates the sidebar screenshots the role guides show: each screen of the built sidebar at 300x720 (the
// sidebar's width in Sheets), answered by the browser test's stub and sample answers (test/browser/sidebar-stub.ts).
//   npm run screenshots        writes docs/img/sidebar-<screen>.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Screen } from '../addon/sidebar/homes';
import { launchChromium, openSidebar, serveSidebar } from '../test/browser/sidebar-stub';

/** The screens the guides show, by file name (docs/img/sidebar-<name>.png). */
const SHOTS: Record<string, Screen> = {
  connect: 'connect',
  setup: 'setup',
  admin: 'admin',
  coach: 'coach',
  consultant: 'consultant',
  apprentice: 'apprentice',
  'no-access': 'no-access',
};

async function main(): Promise<void> {
  const out = join(__dirname, '..', 'docs', 'img');
  mkdirSync(out, { recursive: true });
  const site = await serveSidebar();
  const browser = await launchChromium();
  try {
    for (const [name, screen] of Object.entries(SHOTS)) {
      const page = await openSidebar(browser, site.url, screen);
      const path = join(out, `sidebar-${name}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      console.log(`wrote ${path}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
