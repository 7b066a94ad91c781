import { BookImportError, decodeBookFile, parseBook } from './index.js';
import { fixture } from '../test/helpers.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Windows-1251 for the letters these tests use (А–я, Ё, ё) and ASCII. */
function windows1251(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch === 'Ё') return 0xa8;
    if (ch === 'ё') return 0xb8;
    throw new Error(`not in the test table: ${ch}`);
  }));
}

function importError(fn: () => unknown): BookImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BookImportError) return e;
    throw e;
  }
  throw new Error('expected a BookImportError');
}

describe('decodeBookFile', () => {
  it('reads UTF-8, strips the BOM and normalises line endings', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# Title\r\n\r\nText\rmore\n')]);
    const result = decodeBookFile(bytes);
    expect(result).toEqual({
      text: '# Title\n\nText\nmore\n',
      encoding: 'utf-8',
      warnings: [],
      report: { name: 'utf-8', chosenBy: 'detection', confidence: 1, candidates: [] },
    });
  });

  it('reads UTF-16 with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'Привет, world'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeBookFile(le)).toMatchObject({ text: 'Привет, world', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...[...'Hallo Welt'].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(decodeBookFile(be)).toMatchObject({ text: 'Hallo Welt', encoding: 'utf-16be' });
  });

  it('decodes Windows-1251 Russian text and says so in a warning', () => {
    const russian = 'Глава 1. Река\n\nЛетом баржи шли вверх по реке, а зимой торговля уходила на дороги. Ёлки стояли у пристани.\n';
    const result = decodeBookFile(windows1251(russian));
    expect(result.text).toBe(russian);
    expect(result.encoding).toBe('windows-1251');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'DECODED_WINDOWS_1251' })]);
  });

  it('refuses an empty file', () => {
    const err = importError(() => decodeBookFile(new Uint8Array(0)));
    expect(err.code).toBe('EMPTY_FILE');
    expect(err.message).toMatch(/empty/i);
    expect(importError(() => decodeBookFile(utf8(' \n\t\n'))).code).toBe('EMPTY_FILE');
  });

  it('refuses a file over the size limit', () => {
    const err = importError(() => decodeBookFile(utf8('x'.repeat(101)), { maxBytes: 100 }));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.details).toEqual({ size: 101, maxBytes: 100 });
    expect(err.message).toContain('100 bytes');
  });

  it('refuses binary files: an image by its signature, anything with NUL bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const err = importError(() => decodeBookFile(png));
    expect(err.code).toBe('BINARY_FILE');
    expect(err.message).toMatch(/PNG/);
    const nul = utf8('Some text\u0000with a NUL byte in it');
    expect(importError(() => decodeBookFile(nul))).toMatchObject({ code: 'BINARY_FILE', details: { offset: 9 } });
  });

  it('refuses invalid UTF-8 that is not Windows-1251 either, naming the byte offset', () => {
    const bytes = new Uint8Array([...utf8('Chapter one begins '), 0x80, 0x81, ...utf8(' and goes on.')]);
    const err = importError(() => decodeBookFile(bytes));
    expect(err.code).toBe('NOT_UTF8');
    expect(err.details).toEqual({ offset: 19, byte: 0x80 });
    expect(err.message).toContain('offset 19');
  });

  it('points at a truncated multi-byte sequence', () => {
    const bytes = new Uint8Array([...utf8('Zürich'), 0xe2, 0x80]);
    expect(importError(() => decodeBookFile(bytes)).details).toEqual({ offset: 7, byte: 0xe2 });
  });
});

describe('parseBook refusals', () => {
  it('finds no content in a file that is only front matter', () => {
    const err = importError(() => parseBook(fixture('front-matter-only.md'), { language: 'en' }));
    expect(err.code).toBe('NO_CONTENT');
    expect(err.message).toMatch(/no chapter/i);
    expect(err.details).toEqual({
      documents: [
        { kind: 'frontMatter', title: 'The Sample Book' },
        { kind: 'contents', title: 'Contents' },
      ],
    });
  });

  it('refuses text over maxBytes', () => {
    expect(importError(() => parseBook('# 1. A\n\nText.', { language: 'en', maxBytes: 5 })).code).toBe('FILE_TOO_LARGE');
  });

  it('refuses blank text', () => {
    expect(importError(() => parseBook('\n \n', { language: 'en' })).code).toBe('EMPTY_FILE');
  });
});
