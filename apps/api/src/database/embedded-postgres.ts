import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export { DataDirectoryInUseError } from './data-dir-lock.js';

/*
 * The default database for `npm start` when DATABASE_URL is unset: PostgreSQL 18 compiled to WASM
 * (PGlite), served on 127.0.0.1 so the ordinary `pg` driver (and TypeORM) connects as to any server.
 *
 * Why a small wire server here instead of @electric-sql/pglite-socket's PGLiteSocketServer:
 * PGlite is ONE backend session. The socket server multiplexes clients onto it message by message,
 * keeping a client's messages together only inside an explicit transaction. `pg` sends a parametrised
 * query as Parse, Bind, Describe, Execute, Sync; when one of those arrives in a later TCP read (any
 * parameter over ~64 KB, e.g. a chapter's text or a Yjs update), another client's Parse runs in
 * between and replaces the unnamed statement, so the first client's Bind runs the other client's
 * SQL with its own values. Reproduced with pglite-socket 0.2.17 and a pool of 4: 8 of 10 queries with
 * a 3 MB parameter ran a neighbour's statement (and failed only because the types did not match).
 * Its queue also never runs again once PGlite throws (it returns with `processing` still true).
 * test/database/embedded-postgres.e2e-spec.ts covers both the large parameters and transactions.
 *
 * So this server hands the session to one client from its first message until PGlite answers
 * ReadyForQuery with status Idle: a whole extended-protocol exchange, a whole transaction, a whole
 * COPY. Other clients queue meanwhile. Consequences the application must respect:
 *  - A transaction that awaits a query on ANOTHER pooled connection waits forever (that query waits
 *    for the transaction). Keep the pool small (the app uses 1) and do all of a transaction's work
 *    on its own query runner. A warning is logged when a connection has waited a long time.
 *  - Session state is shared by all connections: SET, temporary tables, advisory locks, named
 *    prepared statements. Use SET LOCAL inside transactions; do not rely on per-connection state.
 *  - fsync is off (PGlite's default start flags): a process crash is safe, a power cut may not be.
 *
 * Settings the `pg`/TypeORM side needs, handled here:
 *  - pgcrypto is loaded: the first migration runs CREATE EXTENSION pgcrypto, and TypeORM with
 *    `uuidExtension: 'pgcrypto'` runs it on every connect. Without the bundle PGlite reports
 *    "extension is not available". (`gen_random_uuid()` itself is core; uuid-ossp is not loaded.)
 *  - SSL requests are declined ('N'), as pg expects from a server without TLS; cancel requests are
 *    dropped (one session, nothing to signal). No password is checked: it listens on 127.0.0.1 only.
 */

export interface EmbeddedPostgresOptions {
  /** The application's data directory; the database lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Client connections accepted at once (default 4); must be at least the pg pool size. */
  maxConnections?: number;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  dataDir: string;
  /** Stops the server, closes PGlite and releases the data directory. Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_MAX_CONNECTIONS = 4;

/** How long a connection may wait for another connection's transaction before we warn. */
const LONG_WAIT_WARNING_MS = 10_000;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(opts.dataDir);
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const log = opts.log ?? (() => undefined);
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`maxConnections must be a positive integer, got ${maxConnections}`);
  }

  const lock = await acquireDataDirLock(dataDir, { log });
  let db: PGlite | null = null;
  try {
    const pgDir = join(dataDir, 'postgres');
    mkdirSync(pgDir, { recursive: true });
    const firstStart = !existsSync(join(pgDir, 'PG_VERSION'));
    log(
      firstStart
        ? `Embedded PostgreSQL (PGlite): creating a new database in ${pgDir}; the first start takes a few seconds`
        : `Embedded PostgreSQL (PGlite): opening the database in ${pgDir}`,
    );
    const started = performance.now();
    try {
      db = await PGlite.create({ dataDir: pgDir, extensions: { pgcrypto } });
    } catch (error) {
      throw new Error(`Could not open the embedded database in ${pgDir}: ${messageOf(error)}`, { cause: error });
    }
    const server = new WireServer(db, maxConnections, log);
    const port = await server.listen('127.0.0.1');
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(
      `Embedded PostgreSQL ready in ${Math.round(performance.now() - started)} ms on 127.0.0.1:${port} ` +
        `(data: ${pgDir}; set DATABASE_URL to use another PostgreSQL)`,
    );

    const openDb = db;
    let stopping: Promise<void> | null = null;
    return {
      url,
      dataDir,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await server.close();
            await openDb.close();
          } finally {
            lock.release();
          }
        })()),
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The wire server: frames the PostgreSQL protocol per client and runs it on the one PGlite session.

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

const MSG_QUERY = 0x51; // 'Q'
const MSG_SYNC = 0x53; // 'S'
const MSG_TERMINATE = 0x58; // 'X'
const MSG_COPY_DONE = 0x63; // 'c'
const MSG_COPY_FAIL = 0x66; // 'f'
const MSG_READY_FOR_QUERY = 0x5a; // 'Z'
const STATUS_IDLE = 0x49; // 'I'
/** PostgreSQL's own limit for one message (1 GB); anything larger is a broken client. */
const MAX_MESSAGE_BYTES = 0x3fffffff;

/** Messages after which PGlite answers ReadyForQuery, so the session may change hands. */
const MAY_END_EXCHANGE = new Set([MSG_QUERY, MSG_SYNC, MSG_COPY_DONE, MSG_COPY_FAIL]);

/** A complete frontend message: the startup packet (no type byte) or a typed message. */
interface Frame {
  startup: boolean;
  type: number;
  bytes: Buffer;
}

class ClientConnection {
  readonly frames: Frame[] = [];
  closed = false;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private startupDone = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
  ) {}

  /** Appends received bytes and returns the frames they complete (SSL/cancel requests answered here). */
  receive(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const complete: Frame[] = [];
    for (;;) {
      const headerSize = this.startupDone ? 5 : 8;
      if (this.buffered < headerSize) break;
      const header = this.peek(headerSize);
      const length = this.startupDone ? 1 + header.readInt32BE(1) : header.readInt32BE(0);
      if (length < headerSize || length > MAX_MESSAGE_BYTES) {
        throw new Error(`malformed message (length ${length})`);
      }
      if (this.buffered < length) break;
      const bytes = this.take(length);
      if (this.startupDone) {
        complete.push({ startup: false, type: bytes[0]!, bytes });
        continue;
      }
      const code = bytes.readInt32BE(4);
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
        this.write(Buffer.from('N'));
      } else if (code === CANCEL_REQUEST_CODE) {
        throw new CancelRequest();
      } else {
        this.startupDone = true;
        complete.push({ startup: true, type: 0, bytes });
      }
    }
    return complete;
  }

  write(data: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(data);
  }

  private peek(size: number): Buffer {
    if (this.chunks[0]!.length < size) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(size: number): Buffer {
    if (this.chunks[0]!.length < size) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0]!;
    const bytes = first.subarray(0, size);
    if (first.length === size) this.chunks.shift();
    else this.chunks[0] = first.subarray(size);
    this.buffered -= size;
    return bytes;
  }
}

/** A CancelRequest: nothing to cancel in a single session, so the connection is just closed. */
class CancelRequest extends Error {}

class WireServer {
  private readonly server: Server;
  private readonly clients = new Set<ClientConnection>();
  private readonly refused = new Set<Socket>();
  private nextId = 1;
  /** The client the session belongs to until PGlite is idle again; null when idle. */
  private owner: ClientConnection | null = null;
  /** Clients with frames to run, in arrival order (never the owner). */
  private readonly waiting: ClientConnection[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private closing = false;
  private longWaitTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: PGlite,
    private readonly maxConnections: number,
    private readonly log: (message: string) => void,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (error) => this.log(`Embedded PostgreSQL server error: ${messageOf(error)}`));
  }

  listen(host: string): Promise<number> {
    return new Promise((done, fail) => {
      this.server.once('error', fail);
      this.server.listen({ host, port: 0 }, () => {
        this.server.off('error', fail);
        done((this.server.address() as AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const client of this.clients) this.disconnect(client);
    for (const socket of this.refused) socket.destroy();
    await closed;
    await this.drained;
    // A client that vanished mid-transaction: roll back before PGlite shuts down.
    if (this.owner) await this.resetSession();
    this.clearLongWaitWarning();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    if (this.closing || this.clients.size >= this.maxConnections) {
      // Refused like PostgreSQL does: pg reads the FATAL error after sending its startup packet.
      this.refused.add(socket);
      socket.on('close', () => this.refused.delete(socket));
      socket.on('error', () => undefined);
      socket.end(
        errorResponse(
          '53300',
          `sorry, too many clients already: the embedded database accepts ${this.maxConnections} ` +
            `connections; make the pool size no larger`,
        ),
      );
      return;
    }
    const client = new ClientConnection(this.nextId++, socket);
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => {
      if (client.closed) return;
      let frames: Frame[];
      try {
        frames = client.receive(chunk);
      } catch (error) {
        if (!(error instanceof CancelRequest)) {
          this.log(`Embedded PostgreSQL: client #${client.id}: ${messageOf(error)}`);
        }
        this.disconnect(client);
        return;
      }
      for (const frame of frames) {
        if (frame.type === MSG_TERMINATE) {
          this.disconnect(client);
          return;
        }
        client.frames.push(frame);
      }
      if (client.frames.length) this.schedule(client);
    });
    // Errors (ECONNRESET from a killed client) end in 'close'; the handler only keeps them from throwing.
    socket.on('error', () => undefined);
    socket.on('close', () => this.disconnect(client));
  }

  private disconnect(client: ClientConnection): void {
    if (client.closed) return;
    client.closed = true;
    client.frames.length = 0;
    this.clients.delete(client);
    client.socket.destroy();
    // If it held the session, the drain loop resets it (rollback) before anyone else runs.
    if (this.owner === client) this.kick();
  }

  private schedule(client: ClientConnection): void {
    if (client !== this.owner && !this.waiting.includes(client)) this.waiting.push(client);
    this.kick();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = true;
    this.drained = this.drain();
  }

  /** Runs queued frames one client at a time; `draining` is cleared in the same tick it finds no work. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.owner?.closed) {
        await this.resetSession();
        continue;
      }
      const client = this.owner ?? this.nextWaiting();
      if (!client || !client.frames.length || this.closing) {
        if (this.owner && this.waiting.length) this.armLongWaitWarning();
        this.draining = false;
        return;
      }
      await this.runFrames(client);
    }
  }

  private nextWaiting(): ClientConnection | undefined {
    let client = this.waiting.shift();
    while (client && (client.closed || !client.frames.length)) client = this.waiting.shift();
    return client;
  }

  /** Runs the client's queued frames (a startup packet alone, other messages as one batch). */
  private async runFrames(client: ClientConnection): Promise<void> {
    const first = client.frames[0]!;
    const batch = first.startup ? [client.frames.shift()!] : client.frames.splice(0);
    const input = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((f) => f.bytes));
    const lastType = batch[batch.length - 1]!.type;
    this.owner = client;
    this.clearLongWaitWarning();
    let tail: Buffer;
    try {
      tail = await this.exec(input, (data) => client.write(data));
    } catch (error) {
      this.log(`Embedded PostgreSQL: PGlite failed on client #${client.id}'s request: ${messageOf(error)}`);
      this.disconnect(client);
      return; // the loop resets the session: owner is closed
    }
    // The session is free again only when PGlite says Idle; 'T'/'E' (in a transaction), no
    // ReadyForQuery yet (Parse..Execute before Sync, COPY in progress) keep it with this client.
    const idle = first.startup || (MAY_END_EXCHANGE.has(lastType) && isReadyForQuery(tail, STATUS_IDLE));
    if (idle) {
      this.owner = null;
      if (client.frames.length && !client.closed) this.waiting.push(client);
    }
  }

  /** Brings the session back to idle after its owner left: abort any COPY, end the exchange, roll back. */
  private async resetSession(): Promise<void> {
    try {
      const abortCopy = message(MSG_COPY_FAIL, cString('client disconnected'));
      const tail = await this.exec(Buffer.concat([abortCopy, message(MSG_SYNC)]));
      if (!isReadyForQuery(tail, STATUS_IDLE)) await this.exec(message(MSG_QUERY, cString('ROLLBACK')));
    } catch (error) {
      this.log(`Embedded PostgreSQL: could not reset the session: ${messageOf(error)}`);
    }
    this.owner = null;
  }

  /** Runs protocol bytes on PGlite, streaming the answer; returns the answer's last 6 bytes. */
  private async exec(input: Buffer, onData: (data: Buffer) => void = () => undefined): Promise<Buffer> {
    let tail = Buffer.alloc(0);
    // PGlite reads the message as a plain Uint8Array; give it its own copy, not a view into a pooled Buffer.
    const bytes = new Uint8Array(input);
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(bytes, {
        onRawData: (raw) => {
          // The chunk is a view into PGlite's memory, reused after this call: copy it.
          const data = Buffer.from(raw);
          tail = data.length >= 6 ? data.subarray(data.length - 6) : Buffer.concat([tail, data]).subarray(-6);
          onData(data);
        },
      }),
    );
    return tail;
  }

  private armLongWaitWarning(): void {
    if (this.longWaitTimer) return;
    const owner = this.owner;
    this.longWaitTimer = setTimeout(() => {
      this.log(
        `Embedded PostgreSQL: ${this.waiting.length} connection(s) have waited ${LONG_WAIT_WARNING_MS / 1000} s ` +
          `for client #${owner?.id}'s open transaction. PGlite runs one session: if the code inside that ` +
          `transaction awaits a query on another pooled connection, this never finishes.`,
      );
    }, LONG_WAIT_WARNING_MS);
    this.longWaitTimer.unref();
  }

  private clearLongWaitWarning(): void {
    if (this.longWaitTimer) clearTimeout(this.longWaitTimer);
    this.longWaitTimer = null;
  }
}

function isReadyForQuery(tail: Buffer, status: number): boolean {
  return (
    tail.length === 6 &&
    tail[0] === MSG_READY_FOR_QUERY &&
    tail.readInt32BE(1) === 5 &&
    tail[5] === status
  );
}

function message(type: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header[0] = type;
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

/** A FATAL ErrorResponse, as PostgreSQL sends before closing a connection it refuses. */
function errorResponse(sqlState: string, text: string): Buffer {
  const field = (code: string, value: string) => Buffer.concat([Buffer.from(code, 'ascii'), cString(value)]);
  return message(
    0x45, // 'E'
    Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', text), Buffer.from([0])]),
  );
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
