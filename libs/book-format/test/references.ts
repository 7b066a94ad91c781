import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir as sharedRoot } from '../../../test/support/shared-data.js';

/** The shared reference suites beside the repository (`SHARED_DIR` to point elsewhere). */
export const sharedDir = (): string => sharedRoot;

/**
 * `describe` for PDF tests that read pages back with poppler (Debian poppler-utils): skipped, and
 * saying so, where it is not installed; with REQUIRE_SHARED_DATA=1 (CI) its absence fails instead.
 */
export function describeWithPoppler(): (name: string, body: () => void) => void {
  const present = spawnSync('pdftotext', ['-v']).status === 0;
  if (!present && process.env.REQUIRE_SHARED_DATA === '1') throw new Error('REQUIRE_SHARED_DATA=1, and pdftotext (poppler-utils) is not installed');
  if (present) return (name, body) => describe(name, body);
  return (name) => describe.skip(name, () => it.skip('needs pdftotext (poppler-utils)', () => undefined));
}

export const xliffSuite = (file: string): Buffer => readFileSync(path.join(sharedDir(), 'reference/xliff-2.1/test-suite', file));

/** MANIFEST.tsv of the XLIFF suite: file, expected (valid | invalid | valid-in-out). */
export function xliffManifest(): { file: string; expected: string }[] {
  const lines = readFileSync(path.join(sharedDir(), 'reference/xliff-2.1/MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [file, expected] = l.split('\t') as [string, string];
    return { file, expected };
  });
}

export const tmxKit = (file: string): Buffer => readFileSync(path.join(sharedDir(), 'reference/tmx-1.4b/compkit', file));
export const tmxDtd = (): string => readFileSync(path.join(sharedDir(), 'reference/tmx-1.4b/tmx14.dtd'), 'utf8');

/** Validates XLIFF against the core schema and every module schema (the suite's own wrapper). */
export async function validateXliff(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const { validateXML } = await import('xmllint-wasm');
  const base = path.join(sharedDir(), 'reference/xliff-2.1');
  const read = (p: string): string => readFileSync(path.join(base, p), 'utf8');
  const schemas = [
    'schemas/xliff_core_2.0.xsd',
    'schemas/fs.xsd',
    'schemas/glossary.xsd',
    'schemas/matches.xsd',
    'schemas/metadata.xsd',
    'schemas/resource_data.xsd',
    'schemas/size_restriction.xsd',
    'schemas/validation.xsd',
    'schemas/its.xsd',
    'schemas/itsm.xsd',
    'schemas/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd',
    'schemas/informativeCopiesOf3rdPartySchemas/extensions/change_tracking.xsd',
  ];
  const result = await validateXML({
    xml: [{ fileName: 'export.xlf', contents: xml }],
    schema: [{ fileName: 'xliff21-all-modules.xsd', contents: read('xliff21-all-modules.xsd') }],
    preload: schemas.map((p) => ({ fileName: p, contents: read(p) })),
    maxMemoryPages: 16384,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
