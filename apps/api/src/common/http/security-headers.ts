import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What a page of ours may load: only this origin, plus the collaboration socket. Vite's build has
 * no inline scripts; inline styles are allowed for the few the components set. The same policy on
 * API answers costs nothing and keeps an answer opened as a page from running anything.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * Headers on every response (helmet): the policy above, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`, no `X-Powered-By`. HSTS is sent (a
 * browser honours it only over HTTPS, behind the proxy that terminates TLS) but not for
 * subdomains, which may be someone else's. No `upgrade-insecure-requests`: a server on a
 * laptop or a LAN address is plain HTTP and must keep working.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });

/**
 * API answers carry tokens (sign-in, refresh, new API tokens) and private text: no cache, shared or
 * the browser's, may keep them. Downloads that want otherwise set their own header.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
