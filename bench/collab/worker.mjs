// A load-generator process: hosts many clients so that the clients' own CPU does not become the
// measurement. Driven by run.mjs over IPC.
import { connectClient, textOf, watchMarkers } from './clients.mjs';

const clients = [];
let latencies = [];
let received = 0;

process.setMaxListeners(0);
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'connect') {
      const batch = [];
      for (const target of msg.targets) {
        const client = connectClient(msg.kind, msg.base, target.name, target.token, { presence: process.env.PRESENCE === '1' });
        clients.push(client);
        batch.push(client.ready.then(() => {
          if (target.watch) {
            const text = textOf(client.doc, target.watch.segment, target.watch.lang);
            watchMarkers(text, (_seq, sent, at) => {
              received++;
              latencies.push(at - sent);
            });
          }
        }));
        // Do not open thousands of sockets in one burst.
        if (batch.length % 50 === 0) await Promise.all(batch.slice(-50));
      }
      await Promise.all(batch);
      process.send({ ok: true, count: clients.length });
    } else if (msg.cmd === 'collect') {
      process.send({ ok: true, latencies, received });
      latencies = [];
      received = 0;
    } else if (msg.cmd === 'close') {
      for (const c of clients.splice(0)) c.destroy();
      process.send({ ok: true });
      setTimeout(() => process.exit(0), 100);
    }
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});
