import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ReviewNotice } from '../../review/review-feed.js';

/** What one API process tells the others. Updates are already durable when they are published. */
export type RelayEvent =
  | { type: 'update'; documentId: string; update: Uint8Array; userId: string | null; logId: number }
  | { type: 'awareness'; documentId: string; update: Uint8Array }
  | { type: 'membership'; projectId: string; userId: string }
  | { type: 'credentials-ended'; userId: string; credentialIds: string[] }
  | { type: 'languages'; projectId: string }
  | { type: 'document-deleted'; documentId: string }
  | { type: 'document-replaced'; documentId: string }
  | { type: 'project-deleted'; projectId: string }
  /** A review notice (ids only) for the readers of a chapter connected to other processes; `from`: the sender. */
  | { type: 'review'; notice: ReviewNotice; from: string };

/**
 * How API processes share live documents. Without REDIS_URL there is one process and the in-process
 * relay does nothing (every lock is granted); with it, `RedisRelay`. Locks are leases: held for a
 * while, renewed by taking them again, released or left to expire (a process that died).
 */
export interface Relay {
  readonly processId: string;
  /** True when other processes may hold the same documents. */
  readonly shared: boolean;
  publish(event: RelayEvent): void;
  /**
   * Receive events: document updates and awareness from the other processes only (this process
   * applied its own already); control events (membership, sign-outs, languages, deletions) from every
   * process, this one included, so its own sockets are closed through the same path as everyone's.
   */
  subscribe(listener: (event: RelayEvent) => void): void;
  /**
   * Called after the connection to the other processes was lost and is back: messages sent in
   * between are gone (pub/sub delivers at most once), so live copies must catch up from the log.
   */
  onReconnect(listener: () => void): void;
  /** Start / stop receiving a document's updates and awareness (control events always arrive). */
  join(documentId: string): Promise<void>;
  leave(documentId: string): Promise<void>;
  /** Takes or renews a lease (deduplicates work such as compaction); false when another process holds it. */
  lease(name: string, ttlMs: number): Promise<boolean>;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

export class LocalRelay implements Relay {
  readonly processId = randomBytes(8).toString('hex');
  readonly shared = false;
  private readonly listeners: ((event: RelayEvent) => void)[] = [];
  publish(event: RelayEvent): void {
    // One process: control events still reach this process's own sockets.
    if (event.type !== 'update' && event.type !== 'awareness') for (const l of this.listeners) l(event);
  }
  subscribe(listener: (event: RelayEvent) => void): void {
    this.listeners.push(listener);
  }
  onReconnect(): void {}
  async join(): Promise<void> {}
  async leave(): Promise<void> {}
  async lease(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}

const UPDATE = 1;
const AWARENESS = 2;

/**
 * Redis pub/sub between processes: one channel per live document (binary frames) and one control
 * channel (JSON). A process receives control events it published itself too, so revocation closes
 * its own sockets through the same path as everyone else's.
 */
export class RedisRelay implements Relay {
  readonly processId = randomBytes(8).toString('hex');
  readonly shared = true;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners: ((event: RelayEvent) => void)[] = [];
  private readonly reconnectListeners: (() => void)[] = [];
  private readonly logger = new Logger('CollabRelay');
  private readySeen = false;

  constructor(
    url: string,
    private readonly prefix = 'interlinea:collab:',
  ) {
    const options = { maxRetriesPerRequest: null, lazyConnect: false } as const;
    this.pub = new Redis(url, options);
    // No ready check (INFO) on the subscriber: a SUBSCRIBE queued while connecting can reach Redis
    // first, which then refuses INFO and ioredis crashes the process (ioredis issue #2037).
    this.sub = new Redis(url, { ...options, enableReadyCheck: false });
    for (const client of [this.pub, this.sub]) client.on('error', (e: Error) => this.logger.warn(`Redis: ${e.message}`));
    void this.sub.subscribe(this.controlChannel);
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile is lost.
    this.sub.on('ready', () => {
      if (this.readySeen) for (const l of this.reconnectListeners) l();
      this.readySeen = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
  }

  private get controlChannel(): string {
    return `${this.prefix}control`;
  }

  private docChannel(documentId: string): string {
    return `${this.prefix}doc:${documentId}`;
  }

  publish(event: RelayEvent): void {
    const from = Buffer.from(this.processId, 'hex');
    if (event.type === 'update' || event.type === 'awareness') {
      const header = Buffer.from(
        JSON.stringify(event.type === 'update' ? { u: event.userId, l: event.logId } : {}),
      );
      const frame = Buffer.alloc(1 + 8 + 2 + header.length);
      frame[0] = event.type === 'update' ? UPDATE : AWARENESS;
      from.copy(frame, 1);
      frame.writeUInt16BE(header.length, 9);
      header.copy(frame, 11);
      void this.pub.publish(this.docChannel(event.documentId), Buffer.concat([frame, Buffer.from(event.update)])).catch(() => {});
    } else {
      void this.pub.publish(this.controlChannel, JSON.stringify({ from: this.processId, event })).catch(() => {});
    }
  }

  subscribe(listener: (event: RelayEvent) => void): void {
    this.listeners.push(listener);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async join(documentId: string): Promise<void> {
    await this.sub.subscribe(this.docChannel(documentId));
  }

  async leave(documentId: string): Promise<void> {
    await this.sub.unsubscribe(this.docChannel(documentId));
  }

  private receive(channel: string, message: Buffer): void {
    let event: RelayEvent;
    if (channel === this.controlChannel) {
      event = (JSON.parse(message.toString()) as { event: RelayEvent }).event;
    } else {
      if (message.length < 11 || message.subarray(1, 9).toString('hex') === this.processId) return;
      const documentId = channel.slice(`${this.prefix}doc:`.length);
      const headerLength = message.readUInt16BE(9);
      const header = JSON.parse(message.subarray(11, 11 + headerLength).toString()) as { u?: string | null; l?: number };
      const update = new Uint8Array(message.subarray(11 + headerLength));
      event =
        message[0] === UPDATE
          ? { type: 'update', documentId, update, userId: header.u ?? null, logId: header.l ?? 0 }
          : { type: 'awareness', documentId, update };
    }
    for (const listener of this.listeners) listener(event);
  }

  async lease(name: string, ttlMs: number): Promise<boolean> {
    const key = `${this.prefix}lock:${name}`;
    // Take it if free, or extend it if it is ours; atomically.
    const result = (await this.pub.eval(
      `local v = redis.call('GET', KEYS[1])
       if v == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
       if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
       return 0`,
      1,
      key,
      this.processId,
      String(ttlMs),
    )) as number;
    return result === 1;
  }

  async release(name: string): Promise<void> {
    await this.pub
      .eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, `${this.prefix}lock:${name}`, this.processId)
      .catch(() => 0);
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}
