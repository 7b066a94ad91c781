/**
 * The collaboration socket's wire protocol as both sides of the server see it: the socket layer
 * speaks it, the live documents close sockets with its codes. One file, so neither layer owns the
 * other's constants.
 */

/** y-websocket's message types, and ours. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Ours: "stored". Sent after the server durably stored updates from this connection, carrying the
 * state vector of what the server holds (everything in it is in PostgreSQL). The client is saved when
 * its own state vector is covered by it. Sent only to clients that ask (`?acks=1`): the stock
 * provider logs an unknown type as an error and otherwise ignores it.
 */
export const MESSAGE_STORED = 100;

/** Close codes. 44xx: the stock provider does not reconnect; others: it does. */
export const CLOSE = {
  goingAway: 1001,
  unsupported: 1003,
  tooBig: 1009,
  internal: 1011,
  /** The server's copy of the document is being reloaded (an edit failed halfway): reconnect. */
  restart: 1012,
  tryAgainLater: 1013,
  /** Membership changed: reconnect with a fresh token to get the new rights. */
  rightsChanged: 4000,
  /** The sign-in session the socket was opened under ended (signed out, revoked, expired). */
  sessionEnded: 4401,
  /** A database outage outlasted the retries: reconnect and re-sync (nothing is lost). */
  notStored: 4503,
  malformed: 4400,
  forbidden: 4403,
  gone: 4404,
  /** The live state was discarded (rows rewritten): start over with a fresh Y.Doc. */
  replaced: 4409,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Origin of awareness changes applied from another process (they were relayed to everybody already). */
export const RELAYED_AWARENESS = 'relay';
