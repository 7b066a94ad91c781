// One client per server kind, all on the bench's own single copy of yjs: the stock y-websocket
// provider for Interlinea and the reference server, Hocuspocus's own provider for Hocuspocus.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Hocuspocus's provider comes from bench/collab's own packages (`npm ci --prefix bench/collab`); a run
// of the other servers alone (SERVERS=interlinea) needs only the application's.
const wantsHocuspocus = (process.env.SERVERS ?? 'hocuspocus').split(',').includes('hocuspocus');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = wantsHocuspocus ? await import('@hocuspocus/provider') : {};

export { Y };

/**
 * `presence: false` (the viewers' default, see bench/README.md): the client publishes no awareness
 * state. With one, the stock y-websocket provider re-broadcasts every awareness change it receives,
 * so 100 viewers renewing their presence every 15 s make bursts that measure the clients more than
 * the server; all three servers get the same clients either way.
 */
export function connectClient(kind, base, name, token, { presence = true } = {}) {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({ url: base, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ name, document: doc, websocketProvider, token: 'bench' });
    if (!presence) provider.awareness?.setLocalState(null);
    provider.attach();
    const ready = new Promise((resolve) => {
      if (provider.synced) resolve();
      provider.on('synced', () => resolve());
    });
    return { doc, ready, destroy: () => { provider.destroy(); websocketProvider.destroy(); doc.destroy(); } };
  }
  const provider = new WebsocketProvider(kind === 'interlinea' ? `${base}/collab` : base, name, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  if (!presence) provider.awareness.setLocalState(null);
  const ready = new Promise((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (synced) => synced && resolve());
  });
  return { doc, ready, destroy: () => { provider.destroy(); doc.destroy(); } };
}

/** The chapter layout of libs/collab-schema, written by the bench for the servers that do not seed one. */
export function fillChapter(doc, segments, languages = ['de', 'en', 'ru']) {
  doc.transact(() => {
    const order = doc.getArray('order');
    const map = doc.getMap('segments');
    for (const s of segments) {
      const seg = new Y.Map();
      map.set(s.id, seg);
      seg.set('kind', 'paragraph');
      const texts = new Y.Map();
      seg.set('text', texts);
      for (const lang of languages) {
        const t = new Y.Text();
        texts.set(lang, t);
        if (s.text[lang]) t.insert(0, s.text[lang], {});
      }
    }
    order.push(segments.map((s) => s.id));
  });
}

export const textOf = (doc, segmentId, lang) => doc.getMap('segments').get(segmentId)?.get('text')?.get(lang) ?? null;

/** Wall clock with sub-millisecond resolution, comparable between processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

const MARK = /⟦(\d+):(\d+(?:\.\d+)?)⟧/g;

/** Calls back with the send time of every marker inserted into the text (latency probes). */
export function watchMarkers(ytext, onMarker) {
  ytext.observe((event) => {
    const at = now();
    for (const op of event.delta) {
      if (typeof op.insert !== 'string') continue;
      for (const m of op.insert.matchAll(MARK)) onMarker(Number(m[1]), Number(m[2]), at);
    }
  });
}

export const marker = (seq) => `⟦${seq}:${now().toFixed(3)}⟧`;
