// Turns raw bytes into clean text, refusing what is not a text page at all.
import { DocumentError } from './errors.js';

/** Default cap on one document; a news page is tens of kilobytes. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export function decodeDocument(input: Uint8Array | string, maxBytes = MAX_DOCUMENT_BYTES): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength > maxBytes) {
    throw new DocumentError('TOO_LARGE', `Document is ${bytes.byteLength} bytes; the limit is ${maxBytes}.`);
  }
  if (bytes.includes(0)) throw new DocumentError('BINARY', 'Document contains NUL bytes: it is binary, not a text page.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentError('ENCODING', 'Document is not valid UTF-8; convert it to UTF-8 first.');
  }
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.01) {
    throw new DocumentError('BINARY', `Document has ${controls} control characters: it does not look like a text page.`);
  }
  text = normalizeText(text);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new DocumentError('EMPTY', 'Document has no text.');
  return text;
}

/** One paragraph per line, no BOM, no stray control characters, no trailing blanks. */
export function normalizeText(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b]/g, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();
}
