import { readVarUint8Array } from 'lib0/decoding';
import request from 'supertest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SEGMENTS, SEGMENT_FIELDS, readChapterDoc } from '#libs/collab-schema';
import type { InlineContent } from '#libs/content';
import { eventually } from '../support/eventually.js';

/** An API server under test: in-process (startTestServer) or a spawned child. */
export interface ApiServer {
  url: string;
}

export interface Member {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface Chapter {
  projectId: string;
  documentId: string;
  /** Main-flow segment ids in order. */
  segments: string[];
  owner: Member;
}

export const api = (server: ApiServer, token: string) => ({
  get: (path: string) => request(server.url).get(path).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}) => request(server.url).post(path).set('Authorization', `Bearer ${token}`).send(body),
  put: (path: string, body: object = {}) => request(server.url).put(path).set('Authorization', `Bearer ${token}`).send(body),
  patch: (path: string, body: object = {}) => request(server.url).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  delete: (path: string) => request(server.url).delete(path).set('Authorization', `Bearer ${token}`),
});

const expectStatus = (res: request.Response, status: number): request.Response => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

export async function loginAs(server: ApiServer, email: string, password: string): Promise<string> {
  const res = expectStatus(await request(server.url).post('/api/auth/login').send({ email, password }), 200);
  return (res.body as { accessToken: string }).accessToken;
}

/** A project (en → ru, de) with one chapter of `count` segments, each with English text. */
export async function createChapter(server: ApiServer, owner: Omit<Member, 'token'> & { token?: string }, count: number): Promise<Chapter> {
  const token = owner.token ?? (await loginAs(server, owner.email, owner.password));
  const as = api(server, token);
  const slug = `c-${Math.random().toString(36).slice(2, 10)}`;
  const project = expectStatus(await as.post('/api/projects', { slug, title: `Chapter test ${slug}`, sourceLanguage: 'en', targetLanguages: ['ru', 'de'] }), 201)
    .body as { id: string };
  const document = expectStatus(await as.post(`/api/projects/${project.id}/documents`, { kind: 'chapter' }), 201).body as { id: string };
  const segments: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = expectStatus(
      await as.post(`/api/projects/${project.id}/documents/${document.id}/segments`, {
        kind: 'paragraph',
        variants: { en: [{ type: 'text', text: `Paragraph ${i} of the source.` }] },
      }),
      201,
    );
    segments.push((res.body as { id: string }).id);
  }
  return { projectId: project.id, documentId: document.id, segments, owner: { ...owner, token } };
}

/**
 * `connect` for one describe block: every client it opens is destroyed after the test that opened
 * it (call it in the describe body, where jest's hooks can be registered).
 */
export function openPerTest(): (...args: Parameters<typeof connect>) => Client {
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  return (...args) => {
    const client = connect(...args);
    clients.push(client);
    return client;
  };
}

/** Adds a member with a password and returns them signed in. */
export async function addMember(server: ApiServer, chapter: Chapter, role: string, languages: string[] | null = null): Promise<Member> {
  const email = `m-${Math.random().toString(36).slice(2, 10)}@test.interlinea`;
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  const res = expectStatus(
    await api(server, chapter.owner.token).post(`/api/projects/${chapter.projectId}/members`, { email, password, role, languages, displayName: role }),
    201,
  );
  const id = (res.body as { userId: string }).userId;
  return { id, email, password, token: await loginAs(server, email, password) };
}

export async function collabToken(server: ApiServer, chapter: Pick<Chapter, 'projectId' | 'documentId'>, member: Pick<Member, 'token'>): Promise<string> {
  const res = expectStatus(
    await api(server, member.token).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/collab-token`),
    200,
  );
  return (res.body as { token: string }).token;
}

export const wsBase = (server: ApiServer): string => `${server.url.replace(/^http/, 'ws')}/collab`;

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** State vectors the server acknowledged as stored (message 100). */
  stored: Uint8Array[];
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export const MESSAGE_STORED = 100;

/** A stock y-websocket provider (the web app's client) on a fresh Y.Doc. */
export function connect(server: ApiServer, documentId: string, token: string, options: { acks?: boolean } = {}): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase(server), documentId, doc, {
    params: options.acks ? { token, acks: '1' } : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const client: Client = {
    doc,
    provider,
    stored: [],
    closes: [],
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  // How the web app learns that its changes are saved: a handler for our message type.
  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    client.stored.push(readVarUint8Array(decoder));
  };
  provider.on('connection-close', (event) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason });
  });
  return client;
}

export async function synced(client: Client, timeout = 15_000): Promise<void> {
  await eventually(() => client.provider.synced || Promise.reject(new Error('not synced')), { timeout });
}

/** Is everything in `doc` covered by the acknowledged state vector? */
export function allStored(client: Client): boolean {
  const last = client.stored.at(-1);
  if (!last) return false;
  const acked = Y.decodeStateVector(last);
  for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(client.doc))) {
    if ((acked.get(clientId) ?? 0) < clock) return false;
  }
  return true;
}

export function textOf(doc: Y.Doc, segmentId: string, lang: string): Y.Text {
  const segment = doc.getMap(SEGMENTS).get(segmentId) as Y.Map<unknown> | undefined;
  const texts = segment?.get(SEGMENT_FIELDS.text) as Y.Map<Y.Text> | undefined;
  const text = texts?.get(lang);
  if (!text) throw new Error(`no text for ${segmentId}/${lang}`);
  return text;
}

/** Variant contents per `segment/lang`, as the live document has them (empty texts left out). */
export function liveContents(doc: Y.Doc): Record<string, InlineContent> {
  const out: Record<string, InlineContent> = {};
  for (const s of readChapterDoc(doc).segments) {
    for (const [lang, content] of Object.entries(s.variants)) if (content.length) out[`${s.id}/${lang}`] = content;
  }
  return out;
}

/** Variant contents per `segment/lang` as the REST API (the rows) has them. */
export async function rowContents(server: ApiServer, chapter: Chapter, token = chapter.owner.token): Promise<Record<string, InlineContent>> {
  const res = expectStatus(
    await api(server, token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments?limit=200`),
    200,
  );
  const out: Record<string, InlineContent> = {};
  for (const s of (res.body as { items: { id: string; variants: Record<string, { content: InlineContent }> }[] }).items) {
    for (const [lang, v] of Object.entries(s.variants)) if (v.content.length) out[`${s.id}/${lang}`] = v.content;
  }
  return out;
}

/** Opens a raw socket and resolves with the HTTP status of a refused upgrade, or 101. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => reject(e));
  });
}

/** Types `text` one character at a time at the end of a Y.Text, paced like a fast typist, until stopped. */
export function typist(target: () => Y.Text, text: string, everyMs = 4): { typed: () => string; stop: () => Promise<void> } {
  let typed = '';
  let running = true;
  const done = (async () => {
    for (let i = 0; running && i < text.length; i++) {
      const t = target();
      t.insert(t.length, text[i]!);
      typed += text[i];
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    typed: () => typed,
    stop: async () => {
      running = false;
      await done;
    },
  };
}
