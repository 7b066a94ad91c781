import * as Y from 'yjs';
import { StoredState } from './stored-state.js';

/** Two documents standing for the server's copy and the browser's. */
function pair() {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'stored');
  const client = new Y.Doc();
  return { server, client };
}

describe('StoredState: is everything in the local copy stored on the server?', () => {
  it('an empty copy is saved; a local edit is not, until the server acknowledges a state covering it', () => {
    const { server, client } = pair();
    const stored = new StoredState();
    expect(stored.covers(client)).toBe(true);
    client.getText('t').insert(0, 'typed');
    expect(stored.covers(client)).toBe(false);
    // The server stored something else first: still not covered.
    stored.add(Y.decodeStateVector(Y.encodeStateVector(server)));
    expect(stored.covers(client)).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    stored.add(Y.decodeStateVector(Y.encodeStateVector(server)));
    expect(stored.covers(client)).toBe(true);
  });

  it('what arrives from the server counts as stored, and an older acknowledgement never undoes a newer one', () => {
    const { server, client } = pair();
    const stored = new StoredState();
    const seen: Y.Transaction[] = [];
    client.on('afterTransaction', (tr: Y.Transaction) => seen.push(tr));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server), 'provider');
    stored.addTransaction(seen[0]!);
    expect(stored.covers(client)).toBe(true);

    const old = Y.decodeStateVector(Y.encodeStateVector(client));
    client.getText('t').insert(0, 'x');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    stored.add(Y.decodeStateVector(Y.encodeStateVector(server)));
    stored.add(old);
    expect(stored.covers(client)).toBe(true);
  });
});
