import { eventually } from '../support/eventually.js';
import { startTestServer, type TestServer, createUser } from '../support/test-app.js';
import {
  addMember,
  api,
  type Chapter,
  collabToken,
  createChapter,
  type Member,
  openPerTest,
  rowContents,
  synced,
  textOf,
} from '../collaboration/collab-support.js';

/**
 * Per-language rights on every write path that names a language (issue 8, item 7): REST bodies
 * with texts (variants, new segments, footnote bodies), with labels and titles (footnotes,
 * chapters), and the collaboration socket. The expected answers are written out here from the
 * rule in docs/security.md, not computed by the code under test.
 *
 * Edition: source en, targets ru and de; fr is not one of its languages.
 */
type Who = 'owner' | 'publisher' | 'translatorDe' | 'translator' | 'reviewer' | 'viewer';
const LANGUAGES = ['en', 'ru', 'de', 'fr'] as const;
type Lang = (typeof LANGUAGES)[number];

/** Who may write text (variants, note bodies) in which language. */
const TEXT: Record<Who, Lang[]> = {
  owner: ['en', 'ru', 'de'],
  publisher: ['en'],
  translatorDe: ['de'],
  translator: ['ru', 'de'],
  reviewer: [],
  viewer: [],
};
/** Who may set labels and titles in which language: structure editors all of the edition's, others their text languages. */
const LABEL: Record<Who, Lang[]> = {
  owner: ['en', 'ru', 'de'],
  publisher: ['en', 'ru', 'de'],
  translatorDe: ['de'],
  translator: ['ru', 'de'],
  reviewer: [],
  viewer: [],
};
/** Which roles a route lets in at all (the role table); others get PERMISSION_DENIED whatever the language. */
const STRUCTURE: Who[] = ['owner', 'publisher'];
const CONTENT: Who[] = ['owner', 'translatorDe', 'translator'];
const ANY: Who[] = ['owner', 'publisher', 'translatorDe', 'translator', 'reviewer', 'viewer'];

interface WritePath {
  name: string;
  route: Who[];
  rule: Record<Who, Lang[]>;
  send(as: ReturnType<typeof api>, lang: Lang): Promise<{ status: number; body: { error?: { code: string } } }>;
}

describe('per-language write rights on every write path', () => {
  let server: TestServer;
  let chapter: Chapter;
  let footnoteId: string;
  const members = {} as Record<Who, Member>;
  const base = () => `/api/projects/${chapter.projectId}`;
  const doc = () => `${base()}/documents/${chapter.documentId}`;
  const t = (text: string) => [{ type: 'text', text }];

  const paths: WritePath[] = [
    { name: 'PUT variants/:language', route: ANY, rule: TEXT, send: (as, l) => as.put(`${doc()}/segments/${chapter.segments[0]}/variants/${l}`, { content: t(`text ${l}`) }) },
    { name: 'POST segments with a variant', route: STRUCTURE, rule: TEXT, send: (as, l) => as.post(`${doc()}/segments`, { kind: 'paragraph', variants: { [l]: t(`new ${l}`) } }) },
    { name: 'POST footnotes with a body', route: STRUCTURE, rule: TEXT, send: (as, l) => as.post(`${doc()}/footnotes`, { body: { [l]: t(`note ${l}`) } }) },
    { name: 'POST footnotes with a label', route: STRUCTURE, rule: LABEL, send: (as, l) => as.post(`${doc()}/footnotes`, { labels: { [l]: '7' } }) },
    { name: 'PATCH footnotes/:id labels', route: CONTENT, rule: LABEL, send: (as, l) => as.patch(`${doc()}/footnotes/${footnoteId}`, { labels: { [l]: '8' } }) },
    { name: 'POST documents with a title', route: STRUCTURE, rule: LABEL, send: (as, l) => as.post(`${base()}/documents`, { kind: 'chapter', titles: { [l]: `Title ${l}` } }) },
    { name: 'PATCH documents/:id titles', route: STRUCTURE, rule: LABEL, send: (as, l) => as.patch(doc(), { titles: { [l]: `Renamed ${l}` } }) },
  ];

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    chapter = await createChapter(server, owner, 2);
    members.owner = chapter.owner as Member;
    members.publisher = await addMember(server, chapter, 'publisher');
    members.translatorDe = await addMember(server, chapter, 'translator', ['de']);
    members.translator = await addMember(server, chapter, 'translator');
    members.reviewer = await addMember(server, chapter, 'reviewer');
    members.viewer = await addMember(server, chapter, 'viewer');
    footnoteId = (await api(server, chapter.owner.token).post(`${doc()}/footnotes`, { labels: { en: '1' } })).body.id;
  }, 60_000);
  afterAll(() => server.close());

  const expected = (path: WritePath, who: Who, lang: Lang): [number, string | null] => {
    if (!path.route.includes(who)) return [403, 'PERMISSION_DENIED'];
    if (lang === 'fr') return [400, 'LANGUAGE_NOT_IN_PROJECT'];
    if (!path.rule[who].includes(lang)) return [403, 'LANGUAGE_NOT_ALLOWED'];
    return [-1, null];
  };

  it.each(paths.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    const seen: string[] = [];
    const want: string[] = [];
    for (const who of Object.keys(members) as Who[]) {
      for (const lang of LANGUAGES) {
        const res = await path.send(api(server, members[who].token), lang);
        const [status, code] = expected(path, who, lang);
        seen.push(`${who} ${lang}: ${res.status < 300 ? 'ok' : `${res.status} ${res.body.error?.code}`}`);
        want.push(`${who} ${lang}: ${status === -1 ? 'ok' : `${status} ${code}`}`);
      }
    }
    expect(seen).toEqual(want);
  });

  it('refused writes leave nothing behind', async () => {
    const as = api(server, members.publisher.token);
    const before = await as.get(`${doc()}/segments?limit=500`);
    const notes = await as.get(`${doc()}/footnotes`);
    expect((await as.post(`${doc()}/segments`, { kind: 'paragraph', variants: { en: t('ok'), ru: t('not mine') } })).status).toBe(403);
    expect((await as.post(`${doc()}/footnotes`, { labels: { en: '9' }, body: { ru: t('not mine') } })).status).toBe(403);
    expect((await as.get(`${doc()}/segments?limit=500`)).body.total).toBe(before.body.total);
    expect((await as.get(`${doc()}/footnotes`)).body).toHaveLength(notes.body.length);
  });

  describe('the collaboration socket', () => {
    const open = openPerTest();

    it('stores a limited translator’s typing in their language only', async () => {
      const member = members.translatorDe;
      const client = open(server, chapter.documentId, await collabToken(server, chapter, member));
      await synced(client);
      const segment = chapter.segments[1]!;
      textOf(client.doc, segment, 'de').insert(0, 'Erlaubt. ');
      textOf(client.doc, segment, 'ru').insert(0, 'Запрещено. ');
      textOf(client.doc, segment, 'en').insert(0, 'Forbidden. ');
      await eventually(async () => {
        const rows = await rowContents(server, chapter);
        expect(rows[`${segment}/de`]).toEqual(t('Erlaubt. '));
      }, { timeout: 20_000, interval: 100 });
      const rows = await rowContents(server, chapter);
      expect(rows[`${segment}/ru`]).toBeUndefined();
      expect(rows[`${segment}/en`]).toEqual(t('Paragraph 1 of the source.'));
    });
  });
});
