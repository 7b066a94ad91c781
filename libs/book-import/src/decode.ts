import { chooseLegacyEncoding, decodeAs, readingScore } from './encoding.js';
import { BookImportError } from './errors.js';
import { DEFAULT_MAX_BYTES, type BookEncoding, type DecodedBookFile, type ImportWarning } from './types.js';

/**
 * Turns the bytes of an uploaded book file into text: UTF-8 (with or without BOM), UTF-16 with BOM or
 * recognisably without, or a legacy encoding (Windows-1251, KOI8-R, CP866, Windows-1252/Latin-1)
 * chosen by the language of the result (see encoding.ts), or the encoding the user names. Refuses
 * empty, oversized and binary files with a coded error. Line endings come out as LF. The result says
 * which encoding was used, chosen how and how surely.
 */
export function decodeBookFile(bytes: Uint8Array, opts: { maxBytes?: number; encoding?: BookEncoding } = {}): DecodedBookFile {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new BookImportError('EMPTY_FILE', 'The file is empty.', { size: 0 });
  if (bytes.length > maxBytes) {
    throw new BookImportError(
      'FILE_TOO_LARGE',
      `The file is ${bytes.length} bytes; the limit is ${maxBytes} bytes.`,
      { size: bytes.length, maxBytes },
    );
  }
  const magic = binaryMagic(bytes);
  if (magic) {
    throw new BookImportError('BINARY_FILE', `This is a ${magic} file, not a text file.`, { detected: magic });
  }

  const warnings: ImportWarning[] = [];
  let encoding: BookEncoding;
  let text: string;
  let report: DecodedBookFile['report'];
  const utf16 = utf16Encoding(bytes);
  if (opts.encoding) {
    encoding = opts.encoding;
    if (!encoding.startsWith('utf-16')) assertNoControlBytes(bytes);
    text = decodeAs(bytes, encoding);
    report = { name: encoding, chosenBy: 'user', confidence: readingScore(text), candidates: [] };
  } else if (utf16) {
    encoding = utf16;
    text = new TextDecoder(utf16).decode(bytes); // strips the BOM itself
    report = { name: encoding, chosenBy: 'detection', confidence: bytes[0] === 0xff || bytes[0] === 0xfe ? 1 : 0.9, candidates: [] };
  } else {
    assertNoControlBytes(bytes);
    const invalidAt = firstInvalidUtf8(bytes);
    const highBytes = countHighBytes(bytes);
    const legacy = invalidAt >= 0 && highBytes >= 4 ? chooseLegacyEncoding(bytes) : null;
    if (invalidAt < 0) {
      encoding = 'utf-8';
      text = new TextDecoder('utf-8').decode(bytes);
      report = { name: encoding, chosenBy: 'detection', confidence: 1, candidates: [] };
    } else if (legacy) {
      encoding = legacy.encoding;
      text = legacy.text;
      report = legacy.report;
      warnings.push(
        encoding === 'windows-1251'
          ? {
              code: 'DECODED_WINDOWS_1251',
              message: 'The file is not UTF-8; it was read as Windows-1251 (Cyrillic) text. Check the Russian text.',
              params: {},
            }
          : {
              code: 'DECODED_LEGACY',
              message: `The file is not UTF-8; it was read as ${encoding} text. Check the text, or choose another encoding.`,
              params: { encoding },
            },
      );
      if (report.confidence < 0.6) {
        warnings.push({
          code: 'ENCODING_UNCERTAIN',
          message: `The encoding ${encoding} was chosen with low confidence (${report.confidence}); if the text looks wrong, choose the encoding yourself.`,
          params: { encoding, confidence: report.confidence },
        });
      }
    } else {
      const byte = bytes[invalidAt] ?? 0;
      throw new BookImportError(
        'NOT_UTF8',
        `The file is not valid UTF-8: invalid byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${invalidAt}. Save it as UTF-8 and try again.`,
        { offset: invalidAt, byte },
      );
    }
  }

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (encoding.startsWith('utf-16')) assertNoControlChars(text);
  if (text.trim() === '') throw new BookImportError('EMPTY_FILE', 'The file contains no text.', { size: bytes.length });
  return { text, encoding, warnings, report };
}

const MAGIC: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP (DOCX, EPUB or ODT)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'legacy Word/Office', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'gzip', bytes: [0x1f, 0x8b] },
];

function binaryMagic(bytes: Uint8Array): string | null {
  for (const { name, bytes: sig } of MAGIC) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return name;
  }
  return null;
}

/** UTF-16 by BOM, or by the zero high bytes of mostly-ASCII text without one. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

const isControlByte = (b: number): boolean => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c;

/** NUL anywhere, or more than a trace of other C0 controls, means this is not a text file. */
function assertNoControlBytes(bytes: Uint8Array): void {
  let controls = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      throw new BookImportError('BINARY_FILE', `The file contains NUL bytes (first at offset ${i}); it is not a text file.`, {
        offset: i,
      });
    }
    if (isControlByte(b)) {
      controls++;
      if (first < 0) first = i;
    }
  }
  if (controls > 0 && controls * 1000 > bytes.length) {
    throw new BookImportError('BINARY_FILE', `The file contains ${controls} control bytes (first at offset ${first}); it is not a text file.`, {
      offset: first,
      controls,
    });
  }
}

function assertNoControlChars(text: string): void {
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isControlByte(text.charCodeAt(i)) || text.charCodeAt(i) === 0) controls++;
  if (controls > 0 && controls * 1000 > text.length) {
    throw new BookImportError('BINARY_FILE', `The file contains ${controls} control characters; it is not a text file.`, { controls });
  }
}

/** Offset of the first byte that breaks UTF-8, or -1. Overlong forms and surrogates count as invalid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function countHighBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) n++;
  return n;
}
