import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/errors/domain-error.js';

/** What is being guessed: a password at sign-in, or the current password when changing it. */
export type AttemptKind = 'login' | 'password';

/**
 * Limits failed password attempts per account and per client address (docs/security.md). Only
 * failures count, inside a sliding window (AUTH_FAILURE_WINDOW); a key over its limit is refused
 * with TOO_MANY_ATTEMPTS (429, Retry-After) until the window has passed, correct password or not,
 * so a guesser learns nothing while blocked. Nobody is locked out for longer than the window, and
 * a successful sign-in clears its account's count. With REDIS_URL the counts are shared by every
 * process (and survive a restart); if Redis is unreachable each process counts in memory meanwhile.
 */
@Injectable()
export class AttemptLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('AttemptLimiter');
  private readonly redis: Redis | null;
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const duration = config.authFailureWindowSeconds;
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
      : null;
    this.redis?.on('error', (e: Error) => this.logger.warn(`Redis: ${e.message}`));
    const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      return this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `interlinea:${keyPrefix}`, points, duration, insuranceLimiter: memory })
        : memory;
    };
    this.perAccount = limiter('auth-account', config.authFailuresPerAccount);
    this.perAddress = limiter('auth-address', config.authFailuresPerAddress);
  }

  /** TOO_MANY_ATTEMPTS when this account or this address has used up its failures. */
  async assertAllowed(kind: AttemptKind, account: string, address: string): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([
      this.blockedFor(this.perAccount, accountKey(kind, account)),
      this.blockedFor(this.perAddress, address),
    ]);
    const ms = Math.max(byAccount, byAddress);
    if (ms > 0) throw new DomainError('TOO_MANY_ATTEMPTS', { seconds: Math.max(1, Math.ceil(ms / 1000)) });
  }

  /** Counts a failed attempt against the account and the address. */
  async failed(kind: AttemptKind, account: string, address: string): Promise<void> {
    await Promise.all([this.count(this.perAccount, accountKey(kind, account)), this.count(this.perAddress, address)]);
  }

  /** A correct password clears the account's failures (not the address's: it may be guessing others). */
  async succeeded(kind: AttemptKind, account: string): Promise<void> {
    await this.perAccount.delete(accountKey(kind, account)).catch((e: unknown) => this.storeFailed(e));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private async blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
    try {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= limiter.points ? res.msBeforeNext : 0;
    } catch (error) {
      this.storeFailed(error);
      return 0;
    }
  }

  private async count(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      // Over the limit: consume rejects with the counter's state; the next attempt is refused.
      if (!(error instanceof RateLimiterRes)) this.storeFailed(error);
    }
  }

  private storeFailed(error: unknown): void {
    this.logger.warn(`attempt counter unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Emails compare case-insensitively, as sign-in does. */
const accountKey = (kind: AttemptKind, account: string): string => `${kind}:${account.trim().toLowerCase()}`;
