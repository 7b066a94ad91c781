#!/usr/bin/env node
// The glossary on the larger corpus book (003): a 300-entry glossary checked against every segment,
// the consistency report of the edition, and a finding after a keystroke, through the pure library and
// through the API's own services on a scratch database (the live check route minus HTTP).
// Targets (issue 11): checking every segment < 1 s, the consistency report < 1 s, a live finding < 50 ms.
//
//   node bench/glossary.mjs                      # local PostgreSQL at 127.0.0.1:5432, a scratch database
//   BENCH_DATABASE_URL=postgres://… KEYSTROKES=500 node bench/glossary.mjs
//   LIBRARY_ONLY=1 node bench/glossary.mjs        # the pure library only, no database
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bookPath = process.env.BOOK ?? join(root, '../shared/corpus/003_f78e96aa30fdf1a9.txt');
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const keystrokes = Number(process.env.KEYSTROKES ?? 300);
const ENTRIES = 300;

ensureBuild({ web: false });
await import('reflect-metadata');
const { parseBook } = await import('../dist/libs/book-import/src/index.js');
const { plainText } = await import('../dist/libs/content/src/index.js');
const { TermIndex, checkVariant, consistencyReport, russianForms } = await import('../dist/libs/glossary/src/index.js');
const { getScheme } = await import('../dist/libs/transliteration/src/index.js');

const ms = (t) => `${t.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];
const time = (fn) => {
  const started = performance.now();
  const value = fn();
  return [performance.now() - started, value];
};

// A rough Latin → Cyrillic reading, only so that the bench's entries have Cyrillic lemmas that decline.
const BACK = [['shch', 'щ'], ['kh', 'х'], ['zh', 'ж'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'], ['ya', 'я'], ['yu', 'ю'], ['ye', 'е'], ['yo', 'ё'], ['sky', 'ский'], ['y', 'ы'],
  ...[...'abvgdezijklmnoprstufcx'].map((c) => [c, 'абвгдезийклмнопрстуфцкс'['abvgdezijklmnoprstufcx'.indexOf(c)]])];
const toCyrillic = (latin) => {
  let s = latin.toLowerCase();
  let out = '';
  while (s) {
    const hit = BACK.find(([l]) => s.startsWith(l));
    out += hit ? hit[1] : s[0];
    s = s.slice(hit ? hit[0].length : 1);
  }
  return out[0].toUpperCase() + out.slice(1);
};

const text = readFileSync(bookPath, 'utf8');
const book = parseBook(text, { language: 'en' });
const segments = [];
for (const doc of book.documents) {
  for (const s of doc.segments) if (s.language === 'en') segments.push({ segmentId: s.id, documentId: doc.id, text: plainText(s.content), context: 'main' });
  for (const f of doc.footnotes) for (const s of f.body) if (s.language === 'en') segments.push({ segmentId: s.id, documentId: doc.id, text: plainText(s.content), context: 'footnote' });
}

// 300 entries: the book's most frequent names, every spelling the book uses, the main one preferred.
const names = consistencyReport(segments, 'en', { variantsOnly: false }).slice(0, ENTRIES);
const entries = names.map((c, i) => ({
  id: `e${i}`,
  lemma: toCyrillic(c.main),
  kind: 'person',
  forms: { en: c.forms.map((f, k) => ({ form: f.form, status: k === 0 ? 'preferred' : 'forbidden' })) },
}));
const scheme = getScheme('hrl-modified');
const [tIndex, index] = time(() => new TermIndex(entries, { schemes: { en: scheme } }));

// A Russian "source" per segment: the lemmas of the entries its English names, in varying cases, among filler.
const FILLER = 'в том же году на заседании было решено что это вопрос партии и съезда'.split(' ');
let seed = 7;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
const sourceOf = (seg) => {
  const words = [];
  for (const m of index.find(seg.text, 'en')) {
    const forms = russianForms(entries[Number(m.entryIds[0].slice(1))].lemma);
    words.push(FILLER[rand(FILLER.length)], forms[rand(forms.length)]);
  }
  while (words.join(' ').length < seg.text.length * 0.9) words.push(FILLER[rand(FILLER.length)]);
  return words.join(' ');
};
const sources = segments.map(sourceOf);

console.log(`Book: ${bookPath.split('/').pop()}: ${segments.length} English segments and note bodies, ${(segments.reduce((n, s) => n + s.text.length, 0) / 1024).toFixed(0)} KiB of text`);
console.log(`Glossary: ${entries.length} entries, ${entries.reduce((n, e) => n + e.forms.en.length, 0)} English forms; index built in ${ms(tIndex)}`);
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

const checkAll = () => segments.reduce((n, seg, i) => n + checkVariant(index, { sourceText: sources[i], sourceLanguage: 'ru', targetText: seg.text, targetLanguage: 'en', context: seg.context }).length, 0);
const runs = [];
let findings = 0;
for (let r = 0; r < 5; r++) {
  const [t, n] = time(checkAll);
  runs.push(t);
  findings = n;
}
console.log(`library  check every segment          median ${ms(median(runs))}, worst ${ms(Math.max(...runs))}  (${findings} findings; target < 1000 ms)`);
const reportRuns = [];
let clusters = 0;
for (let r = 0; r < 5; r++) {
  const [t, c] = time(() => consistencyReport(segments, 'en', { index }));
  reportRuns.push(t);
  clusters = c.length;
}
console.log(`library  consistency report           median ${ms(median(reportRuns))}, worst ${ms(Math.max(...reportRuns))}  (${clusters} clusters with variants; target < 1000 ms)`);

// A keystroke: the longest segment, one letter typed at a time at a random place.
const longest = segments.reduce((a, s, i) => (s.text.length > segments[a].text.length ? i : a), 0);
const keys = [];
let typed = segments[longest].text;
for (let k = 0; k < keystrokes; k++) {
  const at = rand(typed.length);
  typed = typed.slice(0, at) + 'abcdefghij'[k % 10] + typed.slice(at);
  const [t] = time(() => checkVariant(index, { sourceText: sources[longest], sourceLanguage: 'ru', targetText: typed, targetLanguage: 'en', context: 'main' }));
  keys.push(t);
}
console.log(`library  one keystroke (${segments[longest].text.length} chars)   median ${ms(median(keys))}, p99 ${ms(p99(keys))}  (target < 50 ms)\n`);

// The same through the API's services on a scratch PostgreSQL database.
if (process.env.LIBRARY_ONLY === '1') process.exit(0);
const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await import('../dist/apps/api/src/app.module.js');
const { loadConfig } = await import('../dist/apps/api/src/config/app-config.js');
const { migrateUp } = await import('../dist/apps/api/src/database/migrate.js');
const { ImportsService } = await import('../dist/apps/api/src/imports/imports.service.js');
const { ProjectsService } = await import('../dist/apps/api/src/projects/projects.service.js');
const { UsersService } = await import('../dist/apps/api/src/users/users.service.js');
const { GlossaryService } = await import('../dist/apps/api/src/glossary/glossary.service.js');
const { GlossaryChecksService } = await import('../dist/apps/api/src/glossary/glossary-checks.service.js');
const { EditionConventionsService } = await import('../dist/apps/api/src/glossary/edition-conventions.service.js');

const dbName = `interlinea_bench_glossary_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(server);
url.pathname = `/${dbName}`;
try {
  await migrateUp(url.toString());
  const config = { ...loadConfig({}, root), databaseUrl: url.toString(), databasePoolSize: 10, authSecret: 'x'.repeat(40), seedDemo: false, logLevel: 'error' };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  const user = await app.get(UsersService).create({ email: 'bench@interlinea.local', password: 'bench-password', isAdmin: true });
  const actor = { ...user, via: 'api-token' };
  const project = await app.get(ProjectsService).create(actor, { slug: 'bench-glossary', title: 'Bench', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
  const access = await app.get(ProjectsService).access(actor, project.id);
  await app.get(ImportsService).importBook(access, actor, readFileSync(bookPath), 'en');
  await app.get(EditionConventionsService).set(access, actor, 'de', { scheme: 'de-duden' });
  const [tImport] = await (async () => {
    const started = performance.now();
    await app.get(GlossaryService).importEntries(access, actor, undefined, entries.map(({ id, ...e }) => ({ ...e, definition: '', notes: '' })));
    return [performance.now() - started];
  })();
  const checks = app.get(GlossaryChecksService);
  const report = [];
  let view;
  for (let r = 0; r < 5; r++) {
    view = await checks.report(access, 'en');
    report.push(view.tookMs);
  }
  console.log(`API      import of the ${entries.length} entries (one transaction, forms proposed for ru and de): ${ms(tImport)}`);
  console.log(`API      consistency report (reads ${view.segments} segments)   median ${ms(median(report))}, worst ${ms(Math.max(...report))}  (${view.clusters.length} clusters)`);
  const live = [];
  typed = segments[longest].text;
  for (let k = 0; k < keystrokes; k++) {
    const at = rand(typed.length);
    typed = typed.slice(0, at) + 'abcdefghij'[k % 10] + typed.slice(at);
    const started = performance.now();
    await checks.check(access, { language: 'en', text: typed, sourceText: sources[longest] });
    live.push(performance.now() - started);
  }
  console.log(`API      live check after a keystroke   median ${ms(median(live))}, p99 ${ms(p99(live))}  (service path: fingerprint query + cached index + check; target < 50 ms)`);
  await app.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
