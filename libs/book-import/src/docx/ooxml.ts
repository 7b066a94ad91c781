import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import { BookImportError } from '../errors.js';

/**
 * The parts of a Word package, read with jszip and parsed with fast-xml-parser (document order kept,
 * entities not expanded: OOXML needs only the five predefined ones, which `xmlText` decodes). A part
 * with a DOCTYPE is refused: Word never writes one, and entity definitions are a known attack.
 */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
});

export interface DocxParts {
  document: XmlNode[];
  styles: XmlNode[];
  footnotes: XmlNode[];
  endnotes: XmlNode[];
}

/** Whether the bytes are a ZIP package holding a Word document (by its first entry's name is not enough: checked on load). */
export const isZip = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * A part's XML, read as a stream and refused past `limit` bytes: a small package can hold a huge
 * document (a zip bomb), and nothing of it is kept beyond the limit.
 */
async function readPart(file: JSZip.JSZipObject, name: string, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        stream.pause();
        stream.removeAllListeners('data');
        reject(new BookImportError('FILE_TOO_LARGE', `${name} unpacks to more than ${limit} bytes; the limit is ${limit} bytes.`, { size, maxBytes: limit }));
      }
    });
    stream.on('end', () => resolve());
    stream.on('error', (e: Error) => reject(e));
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads the parts; each may unpack to at most `maxPartBytes`. */
export async function readDocxParts(bytes: Uint8Array, maxPartBytes: number): Promise<DocxParts> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new BookImportError('INVALID_DOCX', 'The file is not a readable Word (DOCX) package.', { reason: 'zip' });
  }
  const part = async (name: string, required = false): Promise<XmlNode[]> => {
    const file = zip.file(name);
    if (!file) {
      if (required) throw new BookImportError('INVALID_DOCX', `The package has no ${name}: it is not a Word document.`, { reason: name });
      return [];
    }
    const xml = await readPart(file, name, maxPartBytes);
    if (/<!DOCTYPE/i.test(xml)) throw new BookImportError('INVALID_DOCX', `${name} declares a DOCTYPE, which Word never writes.`, { reason: 'doctype' });
    try {
      return parser.parse(xml) as XmlNode[];
    } catch {
      throw new BookImportError('INVALID_DOCX', `${name} is not well-formed XML.`, { reason: name });
    }
  };
  return {
    document: await part('word/document.xml', true),
    styles: await part('word/styles.xml'),
    footnotes: await part('word/footnotes.xml'),
    endnotes: await part('word/endnotes.xml'),
  };
}

/** The element name of a preserve-order node (its one key other than the attributes). */
export const tagOf = (node: XmlNode): string => Object.keys(node).find((k) => k !== ':@') ?? '';
export const childrenOf = (node: XmlNode): XmlNode[] => (node[tagOf(node)] as XmlNode[] | undefined) ?? [];
export const attr = (node: XmlNode, name: string): string | undefined => (node[':@'] as Record<string, string> | undefined)?.[name];

/** Children with a given tag, anywhere below (not descending into a match). */
export function findAll(nodes: XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === tag) out.push(n);
    else if (t !== '#text') findAll(childrenOf(n), tag, out);
  }
  return out;
}

export const firstChild = (node: XmlNode, tag: string): XmlNode | undefined => childrenOf(node).find((c) => tagOf(c) === tag);

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of a `#text` node with the predefined entities and character references decoded. */
export function xmlText(node: XmlNode): string {
  const raw = String(node['#text'] ?? '');
  return raw.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (m, dec?: string, hex?: string, name?: string) => {
    if (name) return XML_ENTITIES[name]!;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

/** A boolean run property: present and not switched off (`w:val="0"`/`"false"`/`"none"`). */
export function isOn(props: XmlNode | undefined, tag: string): boolean {
  const p = props ? firstChild(props, tag) : undefined;
  if (!p) return false;
  const v = attr(p, 'w:val');
  return v === undefined || !['0', 'false', 'off', 'none'].includes(v);
}
