import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the API answers itself; everything else that asks for a page gets the web app. */
const API_PATHS = /^\/(api|health|collab)(\/|$)/;

/**
 * Serves the built web app (Vite's output) on the API's own port, with the single-page fallback to
 * index.html for the app's client-side routes. Returns false when there is no build to serve.
 */
export function serveWebApp(app: INestApplication, webDir: string | null): boolean {
  if (!webDir || !existsSync(join(webDir, 'index.html'))) return false;
  const server = app.getHttpAdapter().getInstance() as express.Express;
  // Files under /assets have content hashes in their names: they never change, so cache them for good.
  server.use('/assets', express.static(join(webDir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }));
  server.use(express.static(webDir, { index: false, maxAge: '1h' }));
  server.use((req: Request, res: Response, next: NextFunction) => {
    // A missing file (a path with an extension) is a 404, not the app's page.
    if (req.method !== 'GET' || API_PATHS.test(req.path) || extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    // Content-Security-Policy and the other security headers: common/http/security-headers.ts.
    res.sendFile(join(webDir, 'index.html'));
  });
  return true;
}
