import * as Y from 'yjs';

/**
 * What the server is known to hold durably, as a state vector (client id → clock).
 *
 * Everything the server sends is already stored (it stores before it relays), so the state vector
 * of its sync step 1 and every update received from it count; so does every "stored" message
 * (type 100, docs/collaboration.md), which the server sends after it stored updates of ours. The
 * local document is saved when its own state vector is covered: nothing in it that the server
 * lacks. A local edit raises the local clock past what is known and makes it unsaved until acknowledged.
 */
export class StoredState {
  private readonly known = new Map<number, number>();

  /** Merges a state vector the server holds in full. */
  add(stateVector: Map<number, number>): void {
    for (const [client, clock] of stateVector) {
      if ((this.known.get(client) ?? 0) < clock) this.known.set(client, clock);
    }
  }

  /** The parts of a transaction that came from the server (after-state of the clients it advanced). */
  addTransaction(tr: Y.Transaction): void {
    const advanced = new Map<number, number>();
    for (const [client, clock] of tr.afterState) {
      if ((tr.beforeState.get(client) ?? 0) !== clock) advanced.set(client, clock);
    }
    this.add(advanced);
  }

  covers(doc: Y.Doc): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      if ((this.known.get(client) ?? 0) < clock) return false;
    }
    return true;
  }
}
