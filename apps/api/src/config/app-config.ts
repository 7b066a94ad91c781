import { resolve } from 'node:path';
import type { CollabTuning } from '../collaboration/collab-tuning.js';
import type { JobTiming } from '../jobs/jobs.service.js';

/**
 * The application's configuration, read once from the environment at boot and validated. Nothing
 * else in the API reads `process.env`: every setting has a typed field here, and a missing or
 * malformed variable stops the start with a ConfigError that names it.
 */
export interface AppConfig {
  /** TCP port of the HTTP server (API, web app and collaboration sockets). */
  port: number;
  /** Host to bind; 0.0.0.0 for all interfaces. */
  host: string;
  /** PostgreSQL connection URL; null means "start the embedded database under dataDir". */
  databaseUrl: string | null;
  /** Pool size of the PostgreSQL connection. */
  databasePoolSize: number;
  /** Where the embedded database and generated secrets live. */
  dataDir: string;
  /** Redis URL for relaying collaboration between API processes; null: one process, no Redis. */
  redisUrl: string | null;
  /** Key that signs access and collaboration tokens; generated and kept in dataDir when not given. */
  authSecret: string | null;
  /** Lifetime of an access token, in seconds. */
  accessTokenTtlSeconds: number;
  /** Lifetime of a sign-in session from sign-in, in seconds: access tokens are refreshed within it. */
  sessionTtlSeconds: number;
  /** A session unused (no request, no refresh) this long ends; null: no idle limit. */
  sessionIdleTimeoutSeconds: number | null;
  /** Largest accepted book upload, in bytes. */
  importMaxBytes: number;
  /** Failed password attempts one account may have within the window before it is held off. */
  authFailuresPerAccount: number;
  /** Failed password attempts one client address may make within the window (all accounts). */
  authFailuresPerAddress: number;
  /** The window of those counts, in seconds; also the longest anyone is held off. */
  authFailureWindowSeconds: number;
  /** Express' `trust proxy`: false (the socket's address is the client's), or the number of proxies in front. */
  trustProxy: number | false;
  /** Directory of the built web app served at `/`; null: no web app (API only). */
  webDir: string | null;
  /** Create the first administrator and a demo edition when the database has no user. */
  seedDemo: boolean;
  /** Log level: error, warn, log, debug, verbose. */
  logLevel: LogLevel;
  /** Are we running under `NODE_ENV=production`? Stricter checks apply. */
  production: boolean;
  /** Collaboration timings other than the defaults (not from the environment: tests and benchmarks pass them). */
  collab?: Partial<CollabTuning>;
  /** Job heartbeat timings other than the defaults (likewise not from the environment). */
  jobs?: Partial<JobTiming>;
}

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration variable is missing or malformed; the message names it and says what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration in seconds, written as whole seconds or with a unit: `900`, `90m`, `36h`, `14d`. */
function duration(env: Env, name: string, fallback: number | null, min: number, max: number): number | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*([smhd]?)$/i.exec(raw);
  if (!match) throw new ConfigError(name, `must be a duration such as 3600, 90m, 12h or 14d, got "${raw}"`);
  const value = Number(match[1]) * DURATION_UNITS[(match[2] || 's').toLowerCase()]!;
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max} seconds (${max / 86_400} days), got ${value}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** Reads and validates the configuration. `cwd` anchors relative paths (DATA_DIR, WEB_DIR). */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const production = env.NODE_ENV === 'production';
  const authSecret = env.AUTH_SECRET?.trim() || null;
  if (authSecret !== null && authSecret.length < 32) {
    throw new ConfigError('AUTH_SECRET', 'must be at least 32 characters long');
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (production && databaseUrl && !authSecret) {
    // Several processes sharing one database must share one signing key; a generated one is per machine.
    throw new ConfigError('AUTH_SECRET', 'must be set in production when DATABASE_URL is set');
  }
  const webDir = env.WEB_DIR === '' ? null : resolve(cwd, env.WEB_DIR ?? 'dist/web');
  const accessTokenTtlSeconds = integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 3600, 10, 7 * 24 * 3600);
  const sessionTtlSeconds = duration(env, 'SESSION_TTL', 14 * 86_400, 60, 365 * 86_400)!;
  if (sessionTtlSeconds < accessTokenTtlSeconds) {
    throw new ConfigError('SESSION_TTL', `must not be shorter than ACCESS_TOKEN_TTL_SECONDS (${accessTokenTtlSeconds} s), got ${sessionTtlSeconds} s`);
  }
  const sessionIdleTimeoutSeconds = duration(env, 'SESSION_IDLE_TIMEOUT', null, 60, 365 * 86_400);
  // An open tab shows it is in use only by refreshing, once per access token's life.
  if (sessionIdleTimeoutSeconds !== null && sessionIdleTimeoutSeconds <= accessTokenTtlSeconds) {
    throw new ConfigError(
      'SESSION_IDLE_TIMEOUT',
      `must be longer than ACCESS_TOKEN_TTL_SECONDS (${accessTokenTtlSeconds} s), got ${sessionIdleTimeoutSeconds} s`,
    );
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || '.data'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    authSecret,
    accessTokenTtlSeconds,
    sessionTtlSeconds,
    sessionIdleTimeoutSeconds,
    importMaxBytes: integer(env, 'IMPORT_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    authFailuresPerAccount: integer(env, 'AUTH_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
    authFailuresPerAddress: integer(env, 'AUTH_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
    authFailureWindowSeconds: duration(env, 'AUTH_FAILURE_WINDOW', 15 * 60, 1, 86_400)!,
    trustProxy: integer(env, 'TRUST_PROXY', 0, 0, 10) || false,
    webDir,
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === null),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'log'),
    production,
  };
}
