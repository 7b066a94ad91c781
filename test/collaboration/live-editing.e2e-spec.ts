import { jest } from '@jest/globals';
import * as prng from 'lib0/prng';
import pg from 'pg';
import { footnoteEmbed } from '#libs/collab-schema';
import { CollaborationService } from '../../apps/api/src/collaboration/collaboration.service.js';
import { COLLAB_TUNING, type CollabTuning } from '../../apps/api/src/collaboration/collab-tuning.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import {
  addMember,
  allStored,
  api,
  type Chapter,
  collabToken,
  connect,
  createChapter,
  liveContents,
  openPerTest,
  rowContents,
  synced,
  textOf,
} from './collab-support.js';

/**
 * Live co-editing on one API process: real sockets, stock y-websocket providers, real PostgreSQL.
 * Every wait polls with a deadline; randomness is seeded.
 */
jest.setTimeout(60_000);

describe('live co-editing', () => {
  let server: TestServer;
  let db: pg.Pool;
  const open = openPerTest();

  /** Short materialising delays, so the rows follow within the tests' patience. */
  const quick = { debounceMs: 100, maxDelayMs: 400 };

  beforeAll(async () => {
    server = await startTestServer({ collab: quick });
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });
  afterAll(async () => {
    await server.close();
    await db.end();
  });

  const newChapter = async (segments: number): Promise<Chapter> => {
    const owner = await createUser(server);
    return createChapter(server, owner, segments);
  };

  it('converges three clients making seeded random concurrent edits, and the rows follow', async () => {
    const chapter = await newChapter(6);
    const footnote = (
      await api(server, chapter.owner.token).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/footnotes`, {
        labels: { en: '1', ru: '1', de: '1' },
        body: { en: [{ type: 'text', text: 'A note.' }] },
      })
    ).body as { id: string; body: { id: string }[] };
    const translator = await addMember(server, chapter, 'translator');
    const germanOnly = await addMember(server, chapter, 'translator', ['de']);
    const peers = [
      { client: open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner)), languages: ['en', 'ru', 'de'] },
      { client: open(server, chapter.documentId, await collabToken(server, chapter, translator)), languages: ['ru', 'de'] },
      { client: open(server, chapter.documentId, await collabToken(server, chapter, germanOnly)), languages: ['de'] },
    ];
    for (const p of peers) await synced(p.client);

    const gen = prng.create(20261121);
    const alphabet = 'abcdefgh ijklmn опрстуф XYZ';
    for (let round = 0; round < 30; round++) {
      // Each round every peer makes a few edits before anything arrives: they are concurrent.
      for (const peer of peers) {
        for (let i = 0; i < 4; i++) {
          const segment = prng.oneOf(gen, chapter.segments);
          const lang = prng.oneOf(gen, peer.languages);
          const text = textOf(peer.client.doc, segment, lang);
          const choice = prng.uint32(gen, 0, 9);
          if (choice <= 4 || text.length === 0) {
            const word = Array.from({ length: prng.uint32(gen, 1, 6) }, () => prng.oneOf(gen, [...alphabet])).join('');
            text.insert(prng.uint32(gen, 0, text.length), word, prng.bool(gen) ? { italic: true } : {});
          } else if (choice <= 6) {
            const at = prng.uint32(gen, 0, text.length - 1);
            text.delete(at, Math.min(prng.uint32(gen, 1, 4), text.length - at));
          } else if (choice === 7) {
            const at = prng.uint32(gen, 0, text.length - 1);
            text.format(at, Math.min(3, text.length - at), { bold: prng.bool(gen) ? true : null });
          } else {
            text.insertEmbed(prng.uint32(gen, 0, text.length), footnoteEmbed(footnote.id), {});
          }
        }
      }
      // Seeded jitter, not a wait for anything: lets some rounds' messages cross in flight.
      if (prng.bool(gen)) await new Promise((resolve) => setTimeout(resolve, prng.uint32(gen, 0, 10)));
    }
    const expected = await eventually(() => {
      for (const p of peers) expect(p.client.closes).toEqual([]);
      const [a, b, c] = peers.map((p) => JSON.stringify(liveContents(p.client.doc)));
      expect(b).toBe(a);
      expect(c).toBe(a);
      return liveContents(peers[0]!.client.doc);
    });
    // Some edits of every kind made it (the seed decides which; the run is deterministic per seed).
    expect(Object.keys(expected).some((k) => k.endsWith('/de'))).toBe(true);
    expect(JSON.stringify(expected)).toContain('footnoteRef');
    await eventually(async () => expect(await rowContentsWithNotes(chapter, footnote.body[0]!.id)).toEqual(expected), { timeout: 10_000 });
  });

  it('acknowledges stored edits with a message the client can act on, after they are in the log', async () => {
    const chapter = await newChapter(1);
    const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner), { acks: true });
    await synced(client);
    textOf(client.doc, chapter.segments[0]!, 'de').insert(0, 'Gespeichert');
    await eventually(() => expect(allStored(client)).toBe(true));
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE document_id = $1 AND user_id = $2`, [
      chapter.documentId,
      chapter.owner.id,
    ]);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('records live edits in history once per person and variant, and lapses an approval when the text changes', async () => {
    const chapter = await newChapter(2);
    const [first, second] = chapter.segments as [string, string];
    await api(server, chapter.owner.token).put(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${second}/variants/de`, {
      content: [{ type: 'text', text: 'Genehmigt.' }],
    });
    await db.query(
      `UPDATE variants SET status = 'approved', approved_hash = content_hash, approved_by = $2, approved_at = now() WHERE segment_id = $1 AND language = 'de'`,
      [second, chapter.owner.id],
    );
    const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(client);
    const text = textOf(client.doc, first, 'de');
    for (const ch of 'Tippen, Zeichen für Zeichen') text.insert(text.length, ch);
    textOf(client.doc, second, 'de').insert(0, 'Nicht mehr ');
    await eventually(async () => {
      const rows = await rowContents(server, chapter);
      expect(rows[`${first}/de`]).toEqual([{ type: 'text', text: 'Tippen, Zeichen für Zeichen' }]);
      expect(rows[`${second}/de`]).toEqual([{ type: 'text', text: 'Nicht mehr Genehmigt.' }]);
    });
    const history = await db.query(
      `SELECT count(*)::int AS n FROM history_entries WHERE segment_id = $1 AND language = 'de' AND source = 'live'`,
      [first],
    );
    expect(history.rows[0].n).toBe(1);
    const approved = await db.query(`SELECT status, approved_hash, updated_by FROM variants WHERE segment_id = $1 AND language = 'de'`, [second]);
    expect(approved.rows[0]).toEqual({ status: 'translated', approved_hash: null, updated_by: chapter.owner.id });
  });

  it('sends REST edits through the live document as minimal diffs, keeping concurrent typing', async () => {
    const chapter = await newChapter(2);
    const [first, second] = chapter.segments as [string, string];
    const as = api(server, chapter.owner.token);
    const variantPath = (segment: string, lang: string) =>
      `/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${segment}/variants/${lang}`;
    await as.put(variantPath(first, 'de'), { content: [{ type: 'text', text: 'Der Hund lief schnell.' }] }).expect(200);

    const typist = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    const watcher = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(typist);
    await synced(watcher);
    expect(textOf(watcher.doc, first, 'de').toString()).toBe('Der Hund lief schnell.');

    // Typing that has not reached the server while the REST edit happens (the typist is offline):
    // both survive the merge, nothing doubles.
    typist.provider.disconnect();
    const typed = textOf(typist.doc, first, 'de');
    typed.insert(typed.length, ' Sehr schnell!');
    const rest = await as.put(variantPath(first, 'de'), { content: [{ type: 'text', text: 'Der Kater lief schnell.' }] });
    expect(rest.status).toBe(200);
    // Connected clients get the REST edit.
    await eventually(() => expect(textOf(watcher.doc, first, 'de').toString()).toBe('Der Kater lief schnell.'));
    typist.provider.connect();
    await eventually(() => {
      expect(textOf(typist.doc, first, 'de').toString()).toBe('Der Kater lief schnell. Sehr schnell!');
      expect(textOf(watcher.doc, first, 'de').toString()).toBe('Der Kater lief schnell. Sehr schnell!');
    });

    // Typing that reached the live document but not the rows yet, during a REST edit of the same text:
    // this server's materialiser is told to wait (its configuration, read at each change).
    const tuning = server.app.get<CollabTuning>(COLLAB_TUNING);
    Object.assign(tuning, { debounceMs: 60_000, maxDelayMs: 60_000 });
    try {
      await server.app.get(CollaborationService).flushDocument(chapter.documentId);
      const read = (await as.get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${first}`)).body as {
        variants: Record<string, { content: { text: string }[] }>;
      };
      typed.insert(0, '» ');
      await eventually(() => expect(textOf(watcher.doc, first, 'de').toString()).toMatch(/^» /));
      const edited = read.variants.de!.content[0]!.text.replace('Kater', 'Hund');
      await as.put(variantPath(first, 'de'), { content: [{ type: 'text', text: edited }] }).expect(200);
      await eventually(() => {
        expect(textOf(typist.doc, first, 'de').toString()).toBe('» Der Hund lief schnell. Sehr schnell!');
        expect(textOf(watcher.doc, first, 'de').toString()).toBe('» Der Hund lief schnell. Sehr schnell!');
      });
    } finally {
      Object.assign(tuning, quick);
    }

    // A REST edit of another segment while someone types: both kept.
    const other = textOf(typist.doc, second, 'ru');
    for (const ch of 'печатаю') other.insert(other.length, ch);
    await as.put(variantPath(second, 'de'), { content: [{ type: 'text', text: 'Zweiter.' }] }).expect(200);
    await eventually(async () => {
      const rows = await rowContents(server, chapter);
      expect(rows[`${second}/ru`]).toEqual([{ type: 'text', text: 'печатаю' }]);
      expect(rows[`${second}/de`]).toEqual([{ type: 'text', text: 'Zweiter.' }]);
      expect(liveContents(watcher.doc)).toEqual(rows);
    });
  });

  it('applies structural REST changes to the live document', async () => {
    const chapter = await newChapter(3);
    const as = api(server, chapter.owner.token);
    const base = `/api/projects/${chapter.projectId}/documents/${chapter.documentId}`;
    const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(client);
    const order = () => (client.doc.getArray('order').toArray() as string[]);
    expect(order()).toEqual(chapter.segments);

    const inserted = (await as.post(`${base}/segments`, { kind: 'heading', level: 2, position: 0, variants: { en: [{ type: 'text', text: 'Title' }] } }).expect(201))
      .body as { id: string };
    await as.post(`${base}/segments/${chapter.segments[2]}/move`, { position: 1 }).expect((r) => expect(r.status).toBeLessThan(300));
    await as.delete(`${base}/segments/${chapter.segments[0]}`).expect(204);
    const split = (await as.post(`${base}/segments/${chapter.segments[1]}/split`, { offsets: { en: 9 } }).expect((r) => expect(r.status).toBeLessThan(300)))
      .body as { id: string }[];
    const note = (await as.post(`${base}/footnotes`, { labels: { en: '7' }, body: { en: [{ type: 'text', text: 'Note body' }] } }).expect(201)).body as {
      id: string;
      body: { id: string }[];
    };
    const listed = (await as.get(`${base}/segments?limit=200`)).body as { items: { id: string }[] };
    await eventually(async () => {
      expect(order()).toEqual(listed.items.map((s) => s.id));
      expect(liveContents(client.doc)).toEqual(await rowContentsWithNotes(chapter, note.body[0]!.id));
    });
    expect(order()[0]).toBe(inserted.id);
    expect(split).toHaveLength(2);
    await as.post(`${base}/segments/${split[0]!.id}/merge-next`).expect((r) => expect(r.status).toBeLessThan(300));
    await eventually(() => expect(textOf(client.doc, split[0]!.id, 'en').toString()).toBe('Paragraph 1 of the source.'));
    await as.delete(`${base}/footnotes/${note.id}`).expect(204);
    await eventually(() => expect((client.doc.getMap('footnotes').has(note.id))).toBe(false));
  });

  async function rowContentsWithNotes(chapter: Chapter, noteSegment: string) {
    const rows = await rowContents(server, chapter);
    const { rows: notes } = await db.query(`SELECT language, content FROM variants WHERE segment_id = $1`, [noteSegment]);
    for (const n of notes as { language: string; content: [] }[]) if (n.content.length) rows[`${noteSegment}/${n.language}`] = n.content;
    return rows;
  }

  it('keeps everything across a restart, loading from snapshot plus log, and compacts without losing updates', async () => {
    // A process that compacts every 25 rows.
    await server.close();
    server = await startTestServer({ collab: { ...quick, compactAfterRows: 25 } });
    const chapter = await newChapter(2);
    const [first] = chapter.segments as [string];
    let client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner), { acks: true });
    await synced(client);
    const text = textOf(client.doc, first, 'ru');
    for (let i = 0; i < 120; i++) text.insert(text.length, String.fromCharCode(0x430 + (i % 32)));
    await eventually(() => expect(allStored(client)).toBe(true));
    const expected = liveContents(client.doc);
    await eventually(async () => {
      const { rows } = await db.query(`SELECT last_update_id::int AS id FROM collab_snapshots WHERE document_id = $1`, [chapter.documentId]);
      expect(rows[0].id).toBeGreaterThan(0);
    });
    client.destroy();

    await server.close();
    server = await startTestServer({ collab: quick });
    const log = await db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE document_id = $1`, [chapter.documentId]);
    expect(log.rows[0].n).toBeLessThan(120);
    client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(client);
    expect(liveContents(client.doc)).toEqual(expected);
    expect(await rowContents(server, chapter)).toEqual(expected);
  });

  it('materialises before an export reads the rows', async () => {
    // A process whose materialiser would wait a minute: only the export makes it write.
    const patient = await startTestServer({ collab: { debounceMs: 60_000, maxDelayMs: 60_000 } });
    try {
      const owner = await createUser(patient);
      const chapter = await createChapter(patient, owner, 1);
      const client = open(patient, chapter.documentId, await collabToken(patient, chapter, chapter.owner), { acks: true });
      await synced(client);
      textOf(client.doc, chapter.segments[0]!, 'de').insert(0, 'Sofort exportiert');
      await eventually(() => expect(allStored(client)).toBe(true));
      const res = await api(patient, chapter.owner.token).get(`/api/projects/${chapter.projectId}/exports/markdown?language=de`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Sofort exportiert');
    } finally {
      await patient.close();
    }
  });
});

