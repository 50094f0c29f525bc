// The sponsor framework in document properties: chunked by UTF-8 bytes (the 9 kB quota is in bytes), never inside a
// character, read back whole. The fake properties enforce the real quotas in bytes.
import { chunkByBytes, PROPERTY_CHUNK_BYTES } from '../../addon/src/chunks';
import { readSponsorFramework, writeSponsorFramework } from '../../addon/src/settings';
import {
  type FakeAppsScript,
  installFakeAppsScript,
  PROPERTY_VALUE_BYTES,
} from '../../addon/test-support/fake-apps-script';
import { Framework } from '../../shared/src';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const TEXT = 'Überprüfung — 日本語 ✓ 🧰';

describe('chunkByBytes', () => {
  test.each([1, 2, 3, 4, 5, 7, 64])('at most %i bytes per chunk, whole characters, joined back exactly', (max) => {
    const text = TEXT.repeat(20);
    const chunks = chunkByBytes(text, Math.max(max, 4));
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) {
      expect(bytes(c)).toBeLessThanOrEqual(Math.max(max, 4));
      expect(Buffer.from(c, 'utf8').toString('utf8')).toBe(c); // no half surrogate pair
    }
  });

  test('ASCII fills a chunk to the byte; three-byte characters never straddle one', () => {
    expect(chunkByBytes('a'.repeat(10), 4)).toEqual(['aaaa', 'aaaa', 'aa']);
    expect(chunkByBytes('日本語日', 7)).toEqual(['日本', '語日']);
    expect(chunkByBytes('', 4)).toEqual([]);
  });
});

describe('the sponsor framework in document properties', () => {
  let fake: FakeAppsScript;
  beforeEach(() => {
    fake = installFakeAppsScript();
  });
  afterEach(() => fake.uninstall());

  /** A framework of `n` items whose texts are mostly multi-byte. */
  const framework = (n: number, version = '1.0.0') =>
    Framework.parse({
      id: 'acme-desk',
      title: `Acme desk ${TEXT}`,
      version,
      levels: [{ id: 'L1', title: 'Stufe 1', requirements: {} }],
      workFunctions: [
        {
          id: 'WF1',
          title: 'Bürosysteme',
          items: Array.from({ length: n }, (_, i) => ({
            id: `A${i}`,
            levels: ['L1'],
            core: 'core',
            texts: { statement: `${TEXT} ${'日本語の説明 '.repeat(8)}${i}` },
          })),
        },
      ],
    });

  test('a framework of more than 100 kB with non-ASCII text is saved and read back whole', () => {
    const big = framework(600);
    expect(bytes(JSON.stringify(big))).toBeGreaterThan(100 * 1024);
    // What characters-based chunking did: 8000 characters of this text are far over the 9 kB quota.
    expect(bytes(JSON.stringify(big).slice(0, 8000))).toBeGreaterThan(PROPERTY_VALUE_BYTES);
    writeSponsorFramework(big);
    for (const v of fake.properties.values()) expect(bytes(v)).toBeLessThanOrEqual(PROPERTY_CHUNK_BYTES);
    expect(readSponsorFramework()).toEqual(big);
  });

  test('a smaller framework replaces a larger one and leaves none of its chunks behind', () => {
    writeSponsorFramework(framework(600));
    const small = framework(3, '2.0.0');
    writeSponsorFramework(small);
    expect(readSponsorFramework()).toEqual(small);
    expect([...fake.properties.keys()].filter((k) => k.startsWith('qualcard.sponsorFramework.'))).toHaveLength(2);
  });
});
