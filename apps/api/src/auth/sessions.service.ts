import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, LessThan, type Repository, type WhereExpressionBuilder } from 'typeorm';
import type { SessionSummary } from '#libs/contracts';
import { CollaborationEvents } from '../collaboration/collaboration-events.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { User } from '../users/user.entity.js';
import { AuthSession, toSessionSummary } from './auth-session.entity.js';

/** last_seen_at is written at most this often per session, so requests do not each cost a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
/** Ended sessions are kept this long (a user's own are pruned when they sign in again). */
const KEEP_ENDED_MS = 30 * 86_400_000;
const USER_AGENT_MAX = 200;

/**
 * Sign-in sessions. A session is live until it is revoked, reaches `expires_at` (SESSION_TTL after
 * sign-in) or, with SESSION_IDLE_TIMEOUT, goes unused for that long. Ending sessions tells
 * collaboration, so sockets opened under them close in every process.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly collab: CollaborationEvents,
  ) {}

  async start(userId: string, userAgent: string | undefined): Promise<AuthSession> {
    const now = new Date();
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId', { userId })
      .andWhere('(expires_at < :before OR revoked_at < :before)', { before: new Date(now.getTime() - KEEP_ENDED_MS) })
      .execute();
    return this.sessions.save(
      this.sessions.create({
        userId,
        userAgent: shortenUserAgent(userAgent),
        generation: 0,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.sessionTtlSeconds * 1000),
        revokedAt: null,
      }),
    );
  }

  /**
   * The user of a live session, session and user in one query. TOKEN_INVALID when the session (or
   * its user) does not exist or is another user's; SESSION_ENDED when it is over.
   */
  async authenticate(sessionId: string, userId: string): Promise<User> {
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', User, 'u', 'u.id = s.user_id')
      .where('s.id = :sessionId AND s.user_id = :userId', { sessionId, userId })
      .getOne();
    if (!row) throw new DomainError('TOKEN_INVALID');
    const now = Date.now();
    if (!this.isLive(row, now)) throw new DomainError('SESSION_ENDED');
    if (row.lastSeenAt.getTime() < now - LAST_SEEN_RESOLUTION_MS) {
      await this.sessions.update({ id: row.id, lastSeenAt: LessThan(new Date(now - LAST_SEEN_RESOLUTION_MS)) }, { lastSeenAt: new Date(now) });
    }
    return (row as AuthSession & { user: User }).user;
  }

  /** When the session ends, for a check at the WebSocket upgrade; as authenticate() otherwise. */
  async liveUntil(sessionId: string, userId: string): Promise<Date> {
    const row = await this.sessions.findOneBy({ id: sessionId, userId });
    if (!row) throw new DomainError('TOKEN_INVALID');
    if (!this.isLive(row, Date.now())) throw new DomainError('SESSION_ENDED');
    return row.expiresAt;
  }

  /**
   * The refresh rule: the session is live, and the token's generation is the session's current one
   * or the one before (two tabs refreshing at once, or an answer lost on the way, still succeed; a
   * token two refreshes old — a copy in a log, a forgotten tab — cannot keep a session alive).
   * Check and step are one UPDATE, so two refreshes and a sign-out serialise on the row.
   */
  async renew(sessionId: string, userId: string, generation: number): Promise<AuthSession> {
    const now = new Date();
    const result = await this.sessions
      .createQueryBuilder()
      .update(AuthSession)
      .set({ generation: () => 'generation + 1', lastSeenAt: now })
      .where('id = :sessionId AND user_id = :userId', { sessionId, userId })
      .andWhere(':generation BETWEEN generation - 1 AND generation', { generation })
      .andWhere(new Brackets((qb) => this.whereLive(qb, now)))
      .execute();
    const row = await this.sessions.findOneBy({ id: sessionId, userId });
    if (!row) throw new DomainError('TOKEN_INVALID');
    if (result.affected) return row;
    if (!this.isLive(row, now.getTime())) throw new DomainError('SESSION_ENDED');
    throw new DomainError('TOKEN_INVALID');
  }

  /** The user's live sessions, most recently used first. */
  async list(userId: string, currentId: string | undefined): Promise<SessionSummary[]> {
    const rows = await this.sessions
      .createQueryBuilder('s')
      .where('s.userId = :userId', { userId })
      .andWhere(new Brackets((qb) => this.whereLive(qb, new Date())))
      .orderBy('s.lastSeenAt', 'DESC')
      .addOrderBy('s.createdAt', 'DESC')
      .getMany();
    return rows.map((s) => toSessionSummary(s, currentId ?? null));
  }

  /** Ends one of the user's live sessions; SESSION_NOT_FOUND for another user's or an ended one. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    const ended = await this.end(userId, sessionId);
    if (!ended) throw new DomainError('SESSION_NOT_FOUND');
  }

  /** Ends every live session of the user (sign out everywhere), or all but `keep`; the number ended. */
  async revokeAll(userId: string, keep?: string): Promise<number> {
    return this.end(userId, null, keep);
  }

  private async end(userId: string, sessionId: string | null, keep?: string): Promise<number> {
    const now = new Date();
    const query = this.sessions
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: now })
      .where('user_id = :userId', { userId })
      .andWhere('revoked_at IS NULL AND expires_at > :now', { now });
    if (sessionId !== null) query.andWhere('id = :sessionId', { sessionId });
    if (keep !== undefined) query.andWhere('id <> :keep', { keep });
    const result = await query.returning(['id']).execute();
    const ids = (result.raw as { id: string }[]).map((r) => r.id);
    if (ids.length) this.collab.credentialsEnded(userId, ids);
    return ids.length;
  }

  private isLive(s: AuthSession, now: number): boolean {
    const idle = this.config.sessionIdleTimeoutSeconds;
    return (
      s.revokedAt === null &&
      s.expiresAt.getTime() > now &&
      (idle === null || s.lastSeenAt.getTime() > now - idle * 1000)
    );
  }

  /** isLive() as SQL, for the statements that select or change live sessions only. */
  private whereLive(qb: WhereExpressionBuilder, now: Date): void {
    qb.where('revoked_at IS NULL').andWhere('expires_at > :liveAt', { liveAt: now });
    const idle = this.config.sessionIdleTimeoutSeconds;
    if (idle !== null) qb.andWhere('last_seen_at > :idleSince', { idleSince: new Date(now.getTime() - idle * 1000) });
  }
}

/** The User-Agent header as stored: trimmed, control characters dropped, at most 200 characters. */
export function shortenUserAgent(header: string | undefined): string | null {
  const clean = (header ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  // By code point, as PostgreSQL's char_length counts: no surrogate pair is cut in half.
  return clean ? Array.from(clean).slice(0, USER_AGENT_MAX).join('') : null;
}
