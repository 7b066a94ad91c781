import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import type { AccessGrant, ApiTokenSummary, CreatedApiToken, LoginResponse, SessionSummary } from '#libs/contracts';
import { CollaborationEvents } from '../collaboration/collaboration-events.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { toUserSummary, type User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { ApiToken, toApiTokenSummary } from './api-token.entity.js';
import { AttemptLimiter } from './attempt-limiter.js';
import type { AuthSession } from './auth-session.entity.js';
import { dummyPasswordHash, verifyPassword } from './password-hasher.js';
import { SessionsService } from './sessions.service.js';
import { type TokenClaims, TokenSigner } from './token-signer.js';

/** Personal API tokens start with this, so the guard can tell them from signed access tokens. */
export const API_TOKEN_PREFIX = 'il_';
const ACCESS = 'access';
/** last_used_at is written at most this often per token, so API calls do not each cost a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signer: TokenSigner,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly collab: CollaborationEvents,
    private readonly attempts: AttemptLimiter,
  ) {}

  /** Checks the password and starts a session; `userAgent` lets the user recognise it later. */
  async login(email: string, password: string, address: string, userAgent?: string): Promise<LoginResponse> {
    // Refused while held off, before the password is looked at: a guesser learns nothing meanwhile.
    await this.attempts.assertAllowed('login', email, address);
    const user = await this.users.findWithPasswordHash(email);
    // Verify against a dummy hash for unknown emails too, so response time does not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      await this.attempts.failed('login', email, address);
      throw new DomainError('INVALID_CREDENTIALS');
    }
    await this.attempts.succeeded('login', email);
    const session = await this.sessions.start(user.id, userAgent);
    return { ...this.grant(session), user: toUserSummary(user) };
  }

  /**
   * Who presents this bearer token: a personal API token, or an access token of a live session
   * (session and user read in one query).
   */
  async authenticate(bearer: string): Promise<AuthUser> {
    if (bearer.startsWith(API_TOKEN_PREFIX)) return this.authenticateApiToken(bearer);
    const claims = this.signer.verify(bearer, ACCESS);
    const sessionId = sessionOf(claims);
    const user = await this.sessions.authenticate(sessionId, claims.sub);
    return { ...toAuthUser(user, 'access-token'), sessionId };
  }

  /**
   * A new access token for the session of `bearer`, which may have expired: what counts is that its
   * session is live and the token is among its newest (SessionsService.renew). API tokens are not
   * refreshed; they have their own lifetime.
   */
  async refresh(bearer: string): Promise<AccessGrant> {
    if (bearer.startsWith(API_TOKEN_PREFIX)) throw new DomainError('SESSION_REQUIRED');
    const claims = this.signer.verify(bearer, ACCESS, { acceptExpired: true });
    if (typeof claims.gen !== 'number' || !Number.isInteger(claims.gen)) throw new DomainError('TOKEN_INVALID');
    return this.grant(await this.sessions.renew(sessionOf(claims), claims.sub, claims.gen));
  }

  /** Ends the session the caller signed in with. */
  async logout(user: AuthUser): Promise<void> {
    if (!user.sessionId) throw new DomainError('SESSION_REQUIRED');
    await this.sessions.revoke(user.id, user.sessionId);
  }

  /**
   * Changes the caller's password after checking the current one (WRONG_PASSWORD). The caller's
   * other sessions end (someone who knew the old password may be signed in); the one making the
   * change stays; every personal API token ends (revokeAllApiTokens). Sessions end first: if
   * setting the password failed, nobody would be left signed in on the old one unawares.
   */
  async changePassword(user: AuthUser, current: string, next: string, address: string): Promise<number> {
    await this.attempts.assertAllowed('password', user.id, address);
    if (!(await verifyPassword(current, await this.users.passwordHash(user.id)))) {
      await this.attempts.failed('password', user.id, address);
      throw new DomainError('WRONG_PASSWORD');
    }
    await this.attempts.succeeded('password', user.id);
    if (next === current) throw new DomainError('PASSWORD_UNCHANGED');
    const revoked = await this.sessions.revokeAll(user.id, user.sessionId);
    await this.revokeAllApiTokens(user.id);
    await this.users.setPassword(user.id, next);
    return revoked;
  }

  /** Sets a user's password (an administrator's reset); every session and API token of that user ends. */
  async resetPassword(userId: string, password: string): Promise<number> {
    await this.users.get(userId);
    const revoked = await this.sessions.revokeAll(userId);
    await this.revokeAllApiTokens(userId);
    await this.users.setPassword(userId, password);
    return revoked;
  }

  /**
   * A new password means the old one may have been known to someone, who may have made API tokens
   * with it: every personal API token of the user ends too (docs/security.md, token policy), and
   * sockets opened with them close in every process.
   */
  private async revokeAllApiTokens(userId: string): Promise<void> {
    const rows = await this.tokens.find({ select: { id: true }, where: { userId } });
    if (!rows.length) return;
    await this.tokens.delete({ userId });
    this.collab.credentialsEnded(userId, rows.map((r) => r.id));
  }

  listSessions(user: AuthUser): Promise<SessionSummary[]> {
    return this.sessions.list(user.id, user.sessionId);
  }

  revokeSession(user: AuthUser, sessionId: string): Promise<void> {
    return this.sessions.revoke(user.id, sessionId);
  }

  revokeAllSessions(user: AuthUser): Promise<number> {
    return this.sessions.revokeAll(user.id);
  }

  /** An access token of the session's current generation, never outliving the session. */
  private grant(session: AuthSession): AccessGrant {
    const untilSessionEnd = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    const ttl = Math.max(1, Math.min(this.config.accessTokenTtlSeconds, untilSessionEnd));
    const { token, expiresAt } = this.signer.sign(ACCESS, session.userId, ttl, { sid: session.id, gen: session.generation });
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      sessionId: session.id,
      sessionExpiresAt: session.expiresAt.toISOString(),
    };
  }

  async createApiToken(userId: string, name: string, expiresInDays?: number): Promise<CreatedApiToken> {
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.tokens.save(
      this.tokens.create({
        userId,
        name: name.trim(),
        prefix: token.slice(0, 10),
        tokenHash: sha256(token),
        lastUsedAt: null,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      }),
    );
    return { ...toApiTokenSummary(saved), token };
  }

  async listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
    const rows = await this.tokens.find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map(toApiTokenSummary);
  }

  /** Revokes a token; sockets opened with it close in every process. */
  async revokeApiToken(userId: string, id: string): Promise<void> {
    const result = await this.tokens.delete({ id, userId });
    if (!result.affected) throw new DomainError('TOKEN_NOT_FOUND');
    this.collab.credentialsEnded(userId, [id]);
  }

  /**
   * When a personal API token expires (null: never), for a check at the WebSocket upgrade;
   * TOKEN_INVALID when it was revoked, API_TOKEN_EXPIRED when it has expired.
   */
  async apiTokenLiveUntil(id: string, userId: string): Promise<Date | null> {
    const row = await this.tokens.findOneBy({ id, userId });
    if (!row) throw new DomainError('TOKEN_INVALID');
    assertUnexpired(row);
    return row.expiresAt;
  }

  private async authenticateApiToken(token: string): Promise<AuthUser> {
    const row = await this.tokens
      .createQueryBuilder('t')
      .where('t.tokenHash = :hash', { hash: sha256(token) })
      .getOne();
    if (!row) throw new DomainError('TOKEN_INVALID');
    assertUnexpired(row);
    const user = await this.users.get(row.userId);
    const stale = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
    await this.tokens.update(
      [{ id: row.id, lastUsedAt: IsNull() }, { id: row.id, lastUsedAt: LessThan(stale) }],
      { lastUsedAt: new Date() },
    );
    return { ...toAuthUser(user, 'api-token'), apiTokenId: row.id };
  }
}

/** The session an access token belongs to; tokens from before sessions existed carry none. */
function sessionOf(claims: TokenClaims): string {
  if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) throw new DomainError('TOKEN_INVALID');
  return claims.sid;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toAuthUser = (user: User, via: AuthUser['via']): AuthUser => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
  locale: user.locale,
  via,
});

/** API_TOKEN_EXPIRED, naming the token and the day it expired, once it has. */
function assertUnexpired(token: ApiToken): void {
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
    throw new DomainError('API_TOKEN_EXPIRED', { name: token.name, date: token.expiresAt.toISOString().slice(0, 10) });
  }
}
