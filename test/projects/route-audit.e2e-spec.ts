import request from 'supertest';
import { listRoutes } from '../support/routes.js';
import { startTestServer, type TestServer } from '../support/test-app.js';

/**
 * Authorisation on every path: lists every route of the running application and checks that project
 * routes declare a permission and that only the intended routes are public.
 */
describe('route audit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const routes = () => listRoutes(server.app);

  it('finds the routes', () => {
    expect(routes().length).toBeGreaterThan(25);
  });

  it('declares a permission on every route of a project', () => {
    const missing = routes().filter((r) => r.route.includes(':projectId') && !r.permission);
    expect(missing).toEqual([]);
  });

  it('makes only sign-in, token refresh and health public', () => {
    // Refresh checks its (possibly expired) bearer token itself: the guard would refuse an expired one.
    expect(routes().filter((r) => r.isPublic).map((r) => r.route).sort()).toEqual(['GET /health', 'POST /auth/login', 'POST /auth/refresh']);
  });

  it('serves the OpenAPI description and a health check', async () => {
    const spec = await request(server.url).get('/api/docs/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/auth/logout',
        '/api/auth/sessions',
        '/api/auth/sessions/{sessionId}',
        '/api/projects/{projectId}/documents/{documentId}/segments',
      ]),
    );
    expect(Object.keys(spec.body.paths['/api/auth/sessions'])).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(spec.body.components.securitySchemes.bearer).toBeDefined();
    const health = await request(server.url).get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('answers an unknown API path with a coded 404 in the caller’s language', async () => {
    const res = await request(server.url).get('/api/no-such-thing').set('Accept-Language', 'ru');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'По этому адресу ничего не найдено.' });
  });
});
