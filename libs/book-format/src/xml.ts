import { SaxesParser, type SaxesTagNS } from 'saxes';
import { BookFormatError } from './errors.js';

/**
 * A small element tree read from untrusted XML (XLIFF, TMX uploads), safely: the text is decoded from
 * its BOM or declaration, nothing external is ever fetched, a DOCTYPE with an internal subset (where
 * entities would be declared) is refused, references to undeclared entities are errors, and size and
 * depth are bounded. Every element keeps the line it starts on, so later checks can name it.
 */
export interface XmlElement {
  /** Namespace URI ('' for none) and local name. */
  ns: string;
  name: string;
  attrs: Map<string, XmlAttribute>;
  children: XmlNode[];
  line: number;
}

export interface XmlAttribute {
  ns: string;
  name: string;
  value: string;
}

export type XmlNode = XmlElement | { text: string; line: number };

export const isElement = (node: XmlNode): node is XmlElement => 'name' in node;

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 50 * 1024 * 1024, maxDepth: 64, maxElements: 2_000_000 };

/** Text of XML bytes: UTF-8 (with or without BOM), UTF-16 by BOM, or the declared single-byte encoding. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // UTF-16 without a BOM starts "<\0?\0" or "\0<\0?".
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (declared && /^(iso-8859-1|latin1|windows-1252|windows-1251|koi8-r)$/.test(declared)) {
    return new TextDecoder(declared).decode(bytes.subarray(start));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new BookFormatError('XML_MALFORMED', 'the file is not valid UTF-8 text', { line: 1 });
  }
}

export function parseXml(input: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > limits.maxBytes) throw new BookFormatError('XML_TOO_LARGE', `the file has ${size} bytes, more than ${limits.maxBytes}`, { size, limit: limits.maxBytes });
  const source = typeof input === 'string' ? input : decodeXml(input);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let failure: BookFormatError | null = null;
  const fail = (code: 'XML_MALFORMED' | 'XML_FORBIDDEN' | 'XML_TOO_LARGE', message: string): never => {
    throw new BookFormatError(code, `line ${parser.line}: ${message}`, { line: parser.line });
  };
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) fail('XML_FORBIDDEN', 'a DOCTYPE with declarations (entities) is not accepted');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++elements > limits.maxElements) fail('XML_TOO_LARGE', `more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) fail('XML_TOO_LARGE', `elements nested deeper than ${limits.maxDepth}`);
    const attrs = new Map<string, XmlAttribute>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs.set(a.uri ? `{${a.uri}}${a.local}` : a.local, { ns: a.uri, name: a.local, value: a.value });
    }
    const element: XmlElement = { ns: tag.uri, name: tag.local, attrs, children: [], line: parser.line };
    if (stack.length) stack[stack.length - 1]!.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const onText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ text, line: parser.line });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (e) => {
    failure ??= new BookFormatError('XML_MALFORMED', `line ${parser.line}: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, { line: parser.line });
    throw failure;
  });
  try {
    parser.write(source).close();
  } catch (e) {
    if (e instanceof BookFormatError) throw e;
    throw new BookFormatError('XML_MALFORMED', `line ${parser.line}: ${(e as Error).message.replace(/^[^:]*:\d+:\d+: /, '')}`, { line: parser.line });
  }
  if (!root) throw new BookFormatError('XML_MALFORMED', 'line 1: no root element', { line: 1 });
  return root;
}

/** The value of an attribute without a namespace, or in `ns`. */
export const attr = (element: XmlElement, name: string, ns = ''): string | undefined =>
  element.attrs.get(ns ? `{${ns}}${name}` : name)?.value;

export const childElements = (element: XmlElement, ns?: string, name?: string): XmlElement[] =>
  element.children.filter((c): c is XmlElement => isElement(c) && (ns === undefined || c.ns === ns) && (name === undefined || c.name === name));

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
