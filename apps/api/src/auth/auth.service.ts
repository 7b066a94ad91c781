import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import type { ApiTokenSummary, CreatedApiToken, LoginResponse } from '#libs/contracts';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { toUserSummary, type User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { ApiToken, toApiTokenSummary } from './api-token.entity.js';
import { dummyPasswordHash, verifyPassword } from './password-hasher.js';
import { TokenSigner } from './token-signer.js';

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
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findWithPasswordHash(email);
    // Verify against a dummy hash for unknown emails too, so response time does not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS');
    const { token, expiresAt } = this.signer.sign(ACCESS, user.id, this.config.accessTokenTtlSeconds);
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserSummary(user) };
  }

  /** Who presents this bearer token: a signed access token or a personal API token. */
  async authenticate(bearer: string): Promise<AuthUser> {
    if (bearer.startsWith(API_TOKEN_PREFIX)) return this.authenticateApiToken(bearer);
    const claims = this.signer.verify(bearer, ACCESS);
    const user = await this.users.get(claims.sub).catch(() => {
      throw new DomainError('TOKEN_INVALID');
    });
    return toAuthUser(user, 'access-token');
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

  async revokeApiToken(userId: string, id: string): Promise<void> {
    const result = await this.tokens.delete({ id, userId });
    if (!result.affected) throw new DomainError('TOKEN_NOT_FOUND');
  }

  private async authenticateApiToken(token: string): Promise<AuthUser> {
    const row = await this.tokens
      .createQueryBuilder('t')
      .where('t.tokenHash = :hash', { hash: sha256(token) })
      .getOne();
    if (!row) throw new DomainError('TOKEN_INVALID');
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new DomainError('TOKEN_EXPIRED');
    const user = await this.users.get(row.userId);
    const stale = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
    await this.tokens.update(
      [{ id: row.id, lastUsedAt: IsNull() }, { id: row.id, lastUsedAt: LessThan(stale) }],
      { lastUsedAt: new Date() },
    );
    return toAuthUser(user, 'api-token');
  }
}

const toAuthUser = (user: User, via: AuthUser['via']): AuthUser => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
  locale: user.locale,
  via,
});
