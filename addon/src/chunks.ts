// Apps Script holds at most 9 kB per property value, counted in UTF-8 bytes: text is split by bytes, never inside a
// character (a surrogate pair stays whole), so "Überprüfung — 日本語 ✓" round-trips.

/** Bytes per chunk: under the 9 kB quota with room to spare. */
export const PROPERTY_CHUNK_BYTES = 8 * 1024;

const utf8Length = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/** Splits `text` into pieces of at most `maxBytes` UTF-8 bytes each; joined, they are `text` again. */
export function chunkByBytes(text: string, maxBytes = PROPERTY_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = utf8Length(cp);
    if (bytes + size > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += cp > 0xffff ? 2 : 1;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}
