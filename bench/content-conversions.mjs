#!/usr/bin/env node
// How long the conversions of one variant take as it grows: the structured content into a fresh
// Y.Text (writeContent), the minimal diff of a live Y.Text to it (applyContentDiff), and the
// three-way merge of a REST edit (mergeContent), for content of alternating italic and plain runs,
// the worst shape for them (every run is its own Yjs item with two format markers). Issue 8 found
// the first two quadratic; each figure is the median of RUNS runs after one warm-up.
//
//   node bench/content-conversions.mjs            # sizes 500 … 20,000 runs
//   RUNS=9 SIZES=1000,2000,100000 node bench/content-conversions.mjs
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureBuild({ web: false });
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const Y = await import('yjs');
const { writeContent, applyContentDiff } = await load('libs/collab-schema/src/index.js');
const { normalizeContent } = await load('libs/content/src/index.js');
const { mergeContent } = await load('apps/api/src/collaboration/text-merge.js');

const runs = Number(process.env.RUNS ?? 5);
const sizes = (process.env.SIZES ?? '500,2000,5000,10000,20000').split(',').map(Number);
const alternating = (n) =>
  normalizeContent(Array.from({ length: n }, (_, i) => ({ type: 'text', text: `word ${i} `, ...(i % 2 ? { marks: ['italic'] } : {}) })));
const median = (f) => {
  f();
  const times = Array.from({ length: runs }, () => {
    const t = performance.now();
    f();
    return performance.now() - t;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
};

console.log(`${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, median of ${runs}`);
console.log('runs      writeContent  applyContentDiff  mergeContent');
for (const n of sizes) {
  const content = alternating(n);
  const edited = content.map((node, i) => (i === Math.floor(n / 2) ? { ...node, text: `${node.text}edited ` } : node));
  const write = median(() => writeContent(new Y.Doc().getText('t'), content));
  const diff = median(() => {
    const text = new Y.Doc().getText('t');
    writeContent(text, content);
    applyContentDiff(text, edited);
  });
  const merge = median(() => mergeContent(content, content, edited));
  console.log(`${String(n).padEnd(9)} ${write.toFixed(0).padStart(9)} ms ${diff.toFixed(0).padStart(13)} ms ${merge.toFixed(0).padStart(11)} ms`);
}
