import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, type ResolvedConfig } from '../../apps/api/src/app.factory.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { ProjectsService } from '../../apps/api/src/projects/projects.service.js';
import { UsersService } from '../../apps/api/src/users/users.service.js';

export interface TestServer {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The test database made by the global setup. */
export function testDatabaseUrl(): string {
  const url = process.env.INTERLINEA_TEST_DB_URL;
  if (!url) throw new Error('INTERLINEA_TEST_DB_URL is unset: run the tests through jest (npm test), which creates it');
  return url;
}

export function testConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  return {
    ...loadConfig({}, repoRoot),
    host: '127.0.0.1',
    port: 0,
    databaseUrl: testDatabaseUrl(),
    databasePoolSize: 5,
    authSecret: TEST_AUTH_SECRET,
    seedDemo: false,
    logLevel: 'error',
    ...overrides,
  };
}

/** The real application (same factory as `npm start`) on the test database, listening on a free port. */
export async function startTestServer(overrides: Partial<ResolvedConfig> = {}): Promise<TestServer> {
  const app = await createApp(testConfig(overrides));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

const unique = (): string => randomBytes(5).toString('hex');

export async function createUser(
  server: TestServer,
  opts: { email?: string; password?: string; isAdmin?: boolean; displayName?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const password = opts.password ?? `pw-${unique()}-secret`;
  const user = await server.app.get(UsersService).create({
    email: opts.email ?? `user-${unique()}@test.interlinea`,
    password,
    isAdmin: opts.isAdmin ?? false,
    displayName: opts.displayName,
  });
  return { id: user.id, email: user.email, password };
}

export async function createProject(
  server: TestServer,
  ownerUserId: string,
  opts: { slug?: string; title?: string; sourceLanguage?: string; targetLanguages?: string[] } = {},
): Promise<{ id: string; slug: string; title: string }> {
  const owner = await server.app.get(UsersService).get(ownerUserId);
  const project = await server.app.get(ProjectsService).create(
    { ...owner, via: 'access-token' },
    {
      slug: opts.slug ?? `p-${unique()}`,
      title: opts.title ?? `Test edition ${unique()}`,
      sourceLanguage: opts.sourceLanguage ?? 'en',
      targetLanguages: opts.targetLanguages ?? ['ru', 'de'],
    },
  );
  return { id: project.id, slug: project.slug, title: project.title };
}

/** Signs a user in through the API and returns the access token. */
export async function login(server: TestServer, user: { email: string; password: string }): Promise<string> {
  const res = await request(server.url).post('/api/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}
