import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  const cwd = '/srv/interlinea';

  it('has defaults that start the embedded database under ./.data', () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: '/srv/interlinea/.data',
      redisUrl: null,
      seedDemo: true,
      webDir: '/srv/interlinea/dist/web',
      importMaxBytes: 50 * 1024 * 1024,
      accessTokenTtlSeconds: 3600,
      sessionTtlSeconds: 14 * 86_400,
      sessionIdleTimeoutSeconds: null,
      authFailuresPerAccount: 10,
      authFailuresPerAddress: 100,
      authFailureWindowSeconds: 900,
      trustProxy: false,
    });
  });

  it.each([
    ['1209600', 1_209_600],
    ['14d', 1_209_600],
    ['36h', 129_600],
    ['90m', 5400],
    ['7200s', 7200],
    [' 2D ', 172_800],
  ])('reads SESSION_TTL=%j as %d seconds', (raw, seconds) => {
    expect(loadConfig({ SESSION_TTL: raw }, cwd).sessionTtlSeconds).toBe(seconds);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db:5432/interlinea',
        DATA_DIR: '/var/lib/interlinea',
        REDIS_URL: 'redis://cache:6379',
        AUTH_SECRET: 'x'.repeat(40),
        ACCESS_TOKEN_TTL_SECONDS: '900',
        SESSION_TTL: '30d',
        SESSION_IDLE_TIMEOUT: '8h',
        IMPORT_MAX_BYTES: '1048576',
        SEED_DEMO: 'yes',
        LOG_LEVEL: 'debug',
        AUTH_FAILURES_PER_ACCOUNT: '5',
        AUTH_FAILURES_PER_ADDRESS: '50',
        AUTH_FAILURE_WINDOW: '1h',
        TRUST_PROXY: '1',
      },
      cwd,
    );
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/interlinea',
      dataDir: '/var/lib/interlinea',
      redisUrl: 'redis://cache:6379',
      accessTokenTtlSeconds: 900,
      sessionTtlSeconds: 30 * 86_400,
      sessionIdleTimeoutSeconds: 8 * 3600,
      importMaxBytes: 1048576,
      seedDemo: true,
      logLevel: 'debug',
      authFailuresPerAccount: 5,
      authFailuresPerAddress: 50,
      authFailureWindowSeconds: 3600,
      trustProxy: 1,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'must be a whole number, got "eighty"'],
    [{ PORT: '70000' }, 'PORT', 'must be between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'must use postgres: or postgresql:'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'is not a valid URL'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL', 'must use redis: or rediss:'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET', 'at least 32 characters'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO', 'must be true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'must be one of error, warn, log, debug, verbose'],
    [{ SESSION_TTL: 'two weeks' }, 'SESSION_TTL', 'must be a duration such as 3600, 90m, 12h or 14d, got "two weeks"'],
    [{ SESSION_TTL: '14w' }, 'SESSION_TTL', 'must be a duration'],
    [{ SESSION_TTL: '400d' }, 'SESSION_TTL', 'must be between 60 and 31536000 seconds'],
    [{ SESSION_TTL: '30m' }, 'SESSION_TTL', 'must not be shorter than ACCESS_TOKEN_TTL_SECONDS (3600 s)'],
    [{ SESSION_IDLE_TIMEOUT: '-5m' }, 'SESSION_IDLE_TIMEOUT', 'must be a duration'],
    [{ SESSION_IDLE_TIMEOUT: '1h' }, 'SESSION_IDLE_TIMEOUT', 'must be longer than ACCESS_TOKEN_TTL_SECONDS (3600 s)'],
    [{ AUTH_FAILURES_PER_ACCOUNT: '0' }, 'AUTH_FAILURES_PER_ACCOUNT', 'must be between 1 and 10000'],
    [{ AUTH_FAILURE_WINDOW: 'soon' }, 'AUTH_FAILURE_WINDOW', 'must be a duration'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY', 'must be a whole number'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }, 'AUTH_SECRET', 'must be set in production'],
  ])('stops on %j naming %s', (env, variable, problem) => {
    let caught: unknown;
    try {
      loadConfig(env, cwd);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(variable);
    expect((caught as ConfigError).message).toContain(problem);
  });
});
