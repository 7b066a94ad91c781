import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';

/**
 * Compact signed tokens in the JWT format (HS256): short-lived access tokens for the web app and
 * collaboration tokens for the WebSocket upgrade. `typ` keeps one kind from being used as another.
 */
export interface TokenClaims {
  sub: string;
  typ: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  sign(typ: string, sub: string, ttlSeconds: number, extra: Record<string, unknown> = {}): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { ...extra, sub, typ, iat, exp: iat + ttlSeconds };
    const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(claims.exp * 1000) };
  }

  /**
   * The claims of a valid token of this type; TOKEN_EXPIRED or TOKEN_INVALID otherwise. With
   * `acceptExpired` an expired token passes (a refresh decides by its session, not by the token's age).
   */
  verify(token: string, typ: string, options: { acceptExpired?: boolean } = {}): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw new DomainError('TOKEN_INVALID');
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError('TOKEN_INVALID');
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw new DomainError('TOKEN_INVALID');
    }
    if (claims.typ !== typ || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
      throw new DomainError('TOKEN_INVALID');
    }
    if (!options.acceptExpired && claims.exp * 1000 <= this.now()) throw new DomainError('TOKEN_EXPIRED');
    return claims;
  }

  private mac(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
