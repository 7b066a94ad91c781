import request from 'supertest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Seeded hostile input for a running server: REST requests generated from the server's own route
 * list (its OpenAPI description) with malformed, oversized and malicious bodies, queries, path
 * parameters and content types; and raw collaboration-socket frames. The same seed gives the same
 * sequence, so a failure can be replayed (`FUZZ_SEED`). The caller asserts on what comes back.
 */
export type Random = () => number;

/** mulberry32: small, fast, good enough to pick cases. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const NASTY_STRINGS = [
  '',
  ' ',
  '   \t  ',
  'a\u0000b',
  '\u0000',
  'half \uD800',
  '\uDFFF first',
  '😀'.repeat(50),
  'Зиновьев',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '%00',
  '\u202Eevil',
  'x'.repeat(10_000),
  '1e20',
  '-1',
  'NaN',
  'null',
  '__proto__',
  'en',
  'ru',
  'fr',
  'xx-YYYY',
];
const NASTY_NUMBERS = [0, -1, 1, 1.5, 1e20, -1e20, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 99999999999999999999];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'en', 'ru', 'de', 'fr', 'content', 'type', 'text', 'marks', 'a\u0000', ''];

/** A random JSON value, nesting at most `depth` (a few are deeper than the server allows). */
export function nastyValue(r: Random, depth = 4): unknown {
  const roll = r();
  if (depth <= 0 || roll < 0.25) return pick(r, NASTY_STRINGS);
  if (roll < 0.4) return pick(r, NASTY_NUMBERS);
  if (roll < 0.45) return pick(r, [true, false, null]);
  if (roll < 0.5) return deepValue(pick(r, [20, 33, 40]));
  if (roll < 0.7) return Array.from({ length: Math.floor(r() * 5) }, () => nastyValue(r, depth - 1));
  if (roll < 0.8) return inlineContent(r);
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) Object.defineProperty(out, pick(r, NASTY_KEYS), { value: nastyValue(r, depth - 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/** A body as text: usually a nasty value, sometimes nesting far deeper than anything may stringify. */
function nastyBody(r: Random): string {
  if (r() < 0.1) {
    const levels = pick(r, [1_000, 50_000]);
    return `{"titles":${'['.repeat(levels)}1${']'.repeat(levels)}}`;
  }
  return JSON.stringify(nastyValue(r));
}

function deepValue(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

/** Inline content that is nearly right: a mark too many, a node type wrong, text with NUL. */
function inlineContent(r: Random): unknown {
  return Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
    pick(r, [
      { type: 'text', text: pick(r, NASTY_STRINGS) },
      { type: 'text', text: 'ok', marks: pick(r, [['italic'], ['bold', 'italic'], ['underline'], 'italic', [null]]) },
      { type: 'footnoteRef', footnoteId: pick(r, ['', 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) },
      { type: 'image', src: 'x' },
      { type: 'text' },
      null,
    ]),
  );
}

export interface RouteCase {
  method: string;
  path: string;
}

/** Every route the server describes, as `{ method, path }` with `{param}` placeholders. */
export async function routesOf(url: string): Promise<RouteCase[]> {
  const spec = (await request(url).get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
}

export interface FuzzTarget {
  url: string;
  token: string;
  /** Real values for path parameters (projectId, documentId…), so requests get past the 404s. */
  params: Record<string, string>;
}

export interface FuzzAnswer {
  method: string;
  path: string;
  status: number;
  body: string;
}

/** Routes the fuzzer leaves alone: they would delete what the rest of the run needs. */
const SPARED = [
  /^delete \/api\/projects\/\{projectId\}$/,
  /^delete \/api\/projects\/\{projectId\}\/documents\/\{documentId\}$/,
  /^post \/api\/auth\/logout$/,
  /^delete \/api\/auth\/sessions/,
  // Event streams answer 200 and stay open by design; a wait for their end is no finding.
  /^get .*\/events$/,
];

/** A nasty value for a URL: percent-encoded bytes, or broken escapes (`%FF`, a lone `%`, UTF-8 of a surrogate). */
function pathPart(r: Random, extra: readonly unknown[] = []): string {
  if (r() < 0.15) return pick(r, ['%', '%FF', '%ED%A0%80', '%C0%AF', '%00', '%E2%80%AE']);
  const value = String(pick(r, [...NASTY_STRINGS, ...extra])).slice(0, 200);
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** One hostile request to a random route; resolves with what came back. */
export async function fuzzRestOnce(r: Random, target: FuzzTarget, routes: RouteCase[]): Promise<FuzzAnswer> {
  let route = pick(r, routes);
  while (SPARED.some((re) => re.test(`${route.method} ${route.path}`))) route = pick(r, routes);
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    r() < 0.8 && target.params[name] ? target.params[name]! : pathPart(r),
  );
  const query = Array.from({ length: Math.floor(r() * 3) }, () =>
    `${pick(r, ['offset', 'limit', 'language', 'languages', 'filename', '__proto__', 'constructor'])}=${pathPart(r, NASTY_NUMBERS)}`,
  ).join('&');
  const test = (request(target.url) as unknown as Record<string, (p: string) => request.Test>)[route.method]!(`${path}${query ? `?${query}` : ''}`);
  if (r() < 0.9) test.set('Authorization', `Bearer ${r() < 0.95 ? target.token : pick(r, ['il_forged', 'x.y.z', ''])}`);
  test.set('Accept-Language', pick(r, ['en', 'ru', 'de', 'fr', '*', ';;q=x']));
  const kind = r();
  if (route.method !== 'get' && route.method !== 'delete') {
    if (kind < 0.7) test.set('Content-Type', 'application/json').send(nastyBody(r));
    else if (kind < 0.8) test.set('Content-Type', 'application/json').send(pick(r, ['{', '{"a":', '[1,]', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}']));
    else if (kind < 0.85) test.set('Content-Type', 'application/json; charset=koi8-r').send('{}');
    else if (kind < 0.9) test.set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nhello\r\n--x--\r\n');
    else test.set('Content-Type', pick(r, ['text/markdown', 'application/octet-stream', 'text/plain'])).send(Buffer.from(pick(r, NASTY_STRINGS)));
  }
  const at = `${path}${query ? `?${query}` : ''}`;
  try {
    const res = await test.timeout({ response: 15_000, deadline: 20_000 }).ok(() => true);
    return { method: route.method, path: at, status: res.status, body: res.text.slice(0, 300) };
  } catch (error) {
    // No answer in time (a hang), or the connection dropped (a crash): both are failures, with the route.
    return { method: route.method, path: at, status: 599, body: error instanceof Error ? error.message : String(error) };
  }
}

/** Random frames on an open collaboration socket: junk, truncated protocol messages, bogus updates. */
export function hostileFrame(r: Random): Uint8Array {
  const roll = r();
  if (roll < 0.2) return Uint8Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256));
  const e = encoding.createEncoder();
  if (roll < 0.4) {
    // A sync message (type 0) of a random sub-type with a random payload.
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, Math.floor(r() * 4));
    encoding.writeVarUint8Array(e, Uint8Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256)));
  } else if (roll < 0.6) {
    // A real update of text the schema does not expect (a NUL, a foreign type at the root, long text).
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getText(pick(r, ['order', 'footnotes', 'junk'])).insert(0, pick(r, NASTY_STRINGS));
      doc.getMap(pick(r, ['segments', 'meta'])).set(pick(r, NASTY_KEYS) || 'k', pick(r, [1, 'x', null, new Y.Map()]) as never);
    });
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  } else if (roll < 0.8) {
    // Awareness (type 1) with malformed entries.
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, Math.floor(r() * 2 ** 31));
    encoding.writeVarUint(inner, Math.floor(r() * 1000));
    encoding.writeVarString(inner, pick(r, ['{', '{"user":{"name":"\\u0000"}}', 'null', '"x"'.repeat(100)]));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  } else {
    // A huge length prefix with nothing behind it, or an unknown message type.
    encoding.writeVarUint(e, pick(r, [0, 1, 3, 99, 2 ** 31]));
    encoding.writeVarUint(e, 2 ** 30);
  }
  return encoding.toUint8Array(e);
}

/** Opens a socket with `token` and sends `count` hostile frames; resolves when it is closed or done. */
export function fuzzSocketOnce(r: Random, wsUrl: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl);
    const done = (): void => {
      ws.terminate();
      resolve();
    };
    const timer = setTimeout(done, 5_000);
    ws.on('open', () => {
      for (let i = 0; i < count && ws.readyState === WebSocket.OPEN; i++) ws.send(hostileFrame(r));
      setTimeout(() => {
        clearTimeout(timer);
        done();
      }, 100);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('unexpected-response', () => {
      clearTimeout(timer);
      done();
    });
  });
}
