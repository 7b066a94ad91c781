import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isUuid } from '#libs/contracts';
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_STORED, MESSAGE_SYNC, RELAYED_AWARENESS } from '../protocol.js';
import type { CollabSession } from './collab-auth.service.js';
import { type SocketDocument, type SocketOrigin, type SocketPort, UpgradeRefused } from './socket-port.js';

/**
 * The longest awareness state (its JSON) a client may publish. A name, a colour and a cursor need a
 * few hundred bytes; a larger state is dropped, so nobody can make every peer store and relay junk.
 */
export const MAX_AWARENESS_STATE = 4096;

/**
 * What a connection may say about itself in awareness: `null` (gone) or a JSON object of modest size
 * whose `user` is who the socket authenticated as. The server stamps `user.id` and `user.name` (a
 * client keeps its other fields, such as its colour), so "who is in which segment" is never a claim
 * by the client. Returns the state to keep, or null to drop it; throws when it is not JSON at all.
 */
export function vetAwarenessState(json: string, session: Pick<CollabSession, 'userId' | 'displayName'>): string | null {
  if (json.length > MAX_AWARENESS_STATE) return null;
  const state: unknown = JSON.parse(json);
  if (state === null) return json;
  if (typeof state !== 'object' || Array.isArray(state)) return null;
  const given = (state as { user?: unknown }).user;
  const user = given !== null && typeof given === 'object' && !Array.isArray(given) ? given : {};
  const vetted = JSON.stringify({ ...state, user: { ...user, id: session.userId, name: session.displayName } });
  return vetted.length > MAX_AWARENESS_STATE ? null : vetted;
}

/** Bytes queued for one socket beyond which it is closed (1013, it reconnects and re-syncs). */
const MAX_BUFFERED = 32 * 1024 * 1024;
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };
const PATH = /^\/collab\/([^/?]+)$/;

export interface WsServerOptions {
  /** Largest accepted message (ws closes the socket with 1009 beyond it). */
  maxPayload: number;
  /** Ping interval; a socket that did not answer the previous ping is closed. */
  heartbeatMs: number;
}

/**
 * y-websocket's protocol on `ws`, mounted on the API's HTTP server at `/collab/:documentId`. It knows
 * documents as Y.Docs with awareness, sessions as "user, project, languages it may write" and
 * nothing about segments: the document it is given (SocketPort) decides what an update may touch.
 */
export class CollabWsServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly rooms = new Map<SocketDocument, Room>();
  private readonly logger = new Logger('CollabSockets');
  private heartbeat: NodeJS.Timeout;
  private server: Server | null = null;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!req.url?.startsWith('/collab/')) return;
    void this.upgrade(req, socket, head);
  };

  constructor(
    private readonly port: SocketPort,
    private readonly options: WsServerOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      for (const c of [...this.connections]) {
        // Revocation closes sockets at once (by event); a session that simply runs out, on the next beat.
        if (c.session.endsAt !== null && c.session.endsAt <= now) c.close(CLOSE.sessionEnded, 'session ended');
        else c.ping();
      }
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  attach(server: Server): void {
    this.server = server;
    server.on('upgrade', this.onUpgrade);
  }

  get size(): number {
    return this.connections.size;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const documentId = PATH.exec(url.pathname)?.[1] ?? '';
    let session: CollabSession;
    let document: SocketDocument;
    try {
      if (!isUuid(documentId)) throw new UpgradeRefused(404);
      const token = url.searchParams.get('token');
      if (!token) throw new UpgradeRefused(401);
      session = await this.port.authenticate(documentId, token);
      document = await this.port.open(documentId);
    } catch (error) {
      const status = error instanceof UpgradeRefused ? error.status : 503;
      if (!(error instanceof UpgradeRefused)) this.logger.warn(`Upgrade of ${documentId} failed: ${(error as Error).message}`);
      if (socket.writable) {
        socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      }
      socket.destroy();
      return;
    }
    if (socket.destroyed) return;
    const release = document.hold();
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, session, document, release, url.searchParams.get('acks') === '1', this.logger, (c) => this.drop(c));
      this.connections.add(connection);
      this.room(document).add(connection);
      connection.start();
    });
  }

  private room(document: SocketDocument): Room {
    let room = this.rooms.get(document);
    if (!room) this.rooms.set(document, (room = new Room(document)));
    return room;
  }

  private drop(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const room = this.rooms.get(connection.document);
    connection.release();
    if (room && room.remove(connection)) {
      room.dispose();
      this.rooms.delete(connection.document);
    }
  }

  /** Closes the sockets that match (revocation, deletion, shutdown). */
  closeWhere(match: (c: Connection) => boolean, code: number, reason: string): void {
    for (const c of [...this.connections]) if (match(c)) c.close(code, reason);
  }

  /** Sessions whose rights should be checked again (membership changed). */
  sessions(match: (c: Connection) => boolean): Connection[] {
    return [...this.connections].filter(match);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.server?.off('upgrade', this.onUpgrade);
    this.closeWhere(() => true, CLOSE.goingAway, 'server shutting down');
    for (const c of [...this.connections]) this.drop(c);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** The connections of one document in this process: what one announces, the others get. */
class Room {
  private readonly members = new Set<Connection>();
  /** Which connection speaks for which awareness client id; ids other processes reported are `remote`. */
  private readonly owners = new Map<number, Connection>();
  private readonly remote = new Set<number>();
  private readonly offUpdate: () => void;
  private readonly onAwareness: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;

  constructor(private readonly document: SocketDocument) {
    this.offUpdate = document.onUpdate((update, origin) => {
      const message = frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));
      for (const c of this.members) if (c !== origin) c.send(message);
    });
    this.onAwareness = ({ added, updated, removed }, origin) => {
      const changed = [...added, ...updated, ...removed];
      if (origin instanceof Connection) {
        for (const id of removed) origin.awarenessIds.delete(id);
      } else if (origin === RELAYED_AWARENESS) {
        for (const id of [...added, ...updated]) this.remote.add(id);
      }
      for (const id of removed) {
        this.remote.delete(id);
        this.owners.get(id)?.awarenessIds.delete(id);
        this.owners.delete(id);
      }
      const update = awarenessProtocol.encodeAwarenessUpdate(document.awareness, changed);
      const message = frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update));
      for (const c of this.members) c.send(message);
      // Relayed changes came from another process, which told everybody already.
      if (origin !== RELAYED_AWARENESS) document.publishAwareness(update);
    };
    document.awareness.on('update', this.onAwareness);
  }

  add(c: Connection): void {
    this.members.add(c);
    c.room = this;
  }

  /**
   * The part of an awareness update a connection may send: states of the client ids it owns (the
   * first connection to send an id owns it), each vetted (see `vetAwarenessState`). The stock
   * provider re-sends every remote change it hears; without the ownership rule, each presence renewal
   * would come back from every other client and be decoded and checked again by the server. It also
   * keeps one client from speaking for another.
   */
  ownedPart(c: Connection, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: [number, number, string][] = [];
    let changed = false;
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      const owner = this.owners.get(id);
      if (owner !== c && (owner !== undefined || this.remote.has(id))) {
        changed = true;
        continue;
      }
      const vetted = vetAwarenessState(state, c.session);
      if (vetted === null) {
        changed = true;
        continue;
      }
      if (owner === undefined) {
        this.owners.set(id, c);
        c.awarenessIds.add(id);
      }
      if (vetted !== state) changed = true;
      kept.push([id, clock, vetted]);
    }
    if (!changed) return update;
    if (!kept.length) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const [id, clock, state] of kept) {
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, state);
    }
    return encoding.toUint8Array(encoder);
  }

  /** True when the room is empty. */
  remove(c: Connection): boolean {
    this.members.delete(c);
    const ids = [...c.awarenessIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length && !this.document.closed) awarenessProtocol.removeAwarenessStates(this.document.awareness, ids, null);
    return this.members.size === 0;
  }

  dispose(): void {
    this.offUpdate();
    this.document.awareness.off('update', this.onAwareness);
  }
}

export class Connection implements SocketOrigin {
  readonly awarenessIds = new Set<number>();
  room: Room | null = null;
  private alive = true;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly session: CollabSession,
    readonly document: SocketDocument,
    /** Lets the document go (once) when the connection ends. */
    readonly release: () => void,
    private readonly acks: boolean,
    private readonly logger: Logger,
    private readonly onGone: (c: Connection) => void,
  ) {}

  get userId(): string {
    return this.session.userId;
  }

  get readOnly(): boolean {
    return this.session.writable.size === 0;
  }

  start(): void {
    this.ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    this.ws.on('pong', () => (this.alive = true));
    this.ws.on('close', () => this.gone());
    this.ws.on('error', () => this.close(CLOSE.internal, 'socket error'));
    // As y-websocket's server: our state vector first, then who is here.
    void this.document
      .inOrder(() => {
        // The state vector without touching `doc`: that would build a lazily loaded document first.
        this.send(
          frame(MESSAGE_SYNC, (e) => {
            encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
            encoding.writeVarUint8Array(e, this.document.stateVector());
          }),
        );
        const states = [...this.document.awareness.getStates().keys()];
        if (states.length) {
          const update = awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, states);
          this.send(frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update)));
        }
      })
      .catch(() => this.close(CLOSE.restart, 'document reloading'));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    // A client that does not read (a stalled tab) must not make the server buffer without end.
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.close(CLOSE.tryAgainLater, 'too slow');
      return;
    }
    this.ws.send(message, (error) => {
      if (error) this.close(CLOSE.internal, 'send failed');
    });
  }

  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not keep the document.
    setTimeout(() => this.ws.terminate(), 2000).unref();
    this.gone();
  }

  private gone(): void {
    this.closed = true;
    this.onGone(this);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.close(CLOSE.unsupported, 'binary messages only');
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) this.receiveSync(decoder);
      else if (type === MESSAGE_AWARENESS) this.receiveAwareness(decoding.readVarUint8Array(decoder));
      else if (type === MESSAGE_QUERY_AWARENESS) {
        const update = awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, [...this.document.awareness.getStates().keys()]);
        this.send(frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update)));
      }
      // Other types (auth, ours, future ones) carry nothing a client may send: ignored.
    } catch (error) {
      this.logger.debug(`Malformed message from ${this.userId}: ${(error as Error).message}`);
      this.close(CLOSE.malformed, 'malformed message');
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      // Validate before queueing: a bad state vector closes this socket only.
      const empty = Y.decodeStateVector(stateVector).size === 0;
      void this.document
        .inOrder(() => {
          const update = this.document.missing(stateVector, empty);
          this.send(
            frame(MESSAGE_SYNC, (e) => {
              encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
              encoding.writeVarUint8Array(e, update);
            }),
          );
        })
        .catch(() => this.close(CLOSE.restart, 'document reloading'));
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) throw new Error(`unknown sync step ${step}`);
    const update = decoding.readVarUint8Array(decoder);
    // Read-only: dropped without a word (the editor is read-only anyway); decoded first so garbage still closes.
    if (this.readOnly) {
      Y.decodeUpdate(update);
      return;
    }
    // An empty update (a fresh client's answer to our step 1) touches nothing: no check needed, and
    // checking it would build a lazily loaded document before the first sync is done.
    if (isEmptyUpdate(update)) return;
    const verdict = this.document.check(update, (lang) => this.session.writable.has(lang));
    if (!verdict.ok) {
      // The client's copy now holds something the server will never take: it must reload.
      this.close(CLOSE.forbidden, `update refused: ${verdict.reason}`.slice(0, 120));
      return;
    }
    this.document.submit(update, this).then(
      (stored) => {
        if (this.acks) this.send(frame(MESSAGE_STORED, (e) => encoding.writeVarUint8Array(e, stored)));
      },
      () => this.close(CLOSE.notStored, 'could not store, reconnect'),
    );
  }

  private receiveAwareness(update: Uint8Array): void {
    const own = this.room ? this.room.ownedPart(this, update) : update;
    if (own) awarenessProtocol.applyAwarenessUpdate(this.document.awareness, own, this);
  }
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** `[0, 0]`: no structs, no deletions (what a client sends as step 2 when it has nothing new). */
const isEmptyUpdate = (update: Uint8Array): boolean => update.length === 2 && update[0] === 0 && update[1] === 0;
