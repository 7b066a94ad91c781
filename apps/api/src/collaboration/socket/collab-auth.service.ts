import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthService } from '../../auth/auth.service.js';
import { SessionsService } from '../../auth/sessions.service.js';
import { TokenSigner } from '../../auth/token-signer.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../../common/guards/request-context.js';
import { ProjectsService } from '../../projects/projects.service.js';
import { canEditLanguage } from '../../segments/language-access.js';
import { UsersService } from '../../users/users.service.js';

export const COLLAB_TOKEN_TYPE = 'collab';
/** Long enough to open a socket (and reconnect after a blip), short enough that a leaked URL soon stops working. */
export const COLLAB_TOKEN_TTL_SECONDS = 300;

export interface CollabToken {
  token: string;
  expiresAt: string;
  url: string;
}

/** The sign-in session or personal API token a collaboration token was issued under. */
export interface CollabCredential {
  kind: 'session' | 'api-token';
  id: string;
}

/** Who is on a socket and what they may change; decided on upgrade and again when membership changes. */
export interface CollabSession {
  userId: string;
  /** Shown to the others in awareness; the server stamps it, a client cannot claim another name. */
  displayName: string;
  projectId: string;
  documentId: string;
  /** Languages whose texts this connection may change; empty: read-only. */
  writable: ReadonlySet<string>;
  /** What the token was issued under: the caller's sign-in session or personal API token. */
  credential: CollabCredential | null;
  /** When it ends (ms since the epoch); null: it does not. */
  endsAt: number | null;
}

/**
 * Collaboration tokens: issued over REST to a member (signed with the API's TokenSigner, type
 * 'collab', bound to one document and to the caller's sign-in session or API token), checked on the
 * WebSocket upgrade against the membership and that credential as they are then (a token outlives
 * neither a revocation nor a sign-out nor a revoked API token).
 */
@Injectable()
export class CollabAuth {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signer: TokenSigner,
    private readonly projects: ProjectsService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly apiTokens: AuthService,
  ) {}

  async issue(user: AuthUser, access: ProjectAccess, documentId: string): Promise<CollabToken> {
    await this.assertDocumentOf(access.project.id, documentId);
    const { token, expiresAt } = this.signer.sign(COLLAB_TOKEN_TYPE, user.id, COLLAB_TOKEN_TTL_SECONDS, {
      doc: documentId,
      prj: access.project.id,
      ...(user.sessionId ? { sid: user.sessionId } : {}),
      ...(user.apiTokenId ? { atk: user.apiTokenId } : {}),
    });
    return { token, expiresAt: expiresAt.toISOString(), url: `/collab/${documentId}` };
  }

  /**
   * TOKEN_INVALID / TOKEN_EXPIRED / SESSION_ENDED (401), PROJECT_NOT_FOUND (403: not a member),
   * DOCUMENT_NOT_FOUND (404).
   */
  async authenticate(token: string, documentId: string): Promise<CollabSession> {
    const claims = this.signer.verify(token, COLLAB_TOKEN_TYPE);
    if (claims.doc !== documentId || typeof claims.prj !== 'string') throw new DomainError('TOKEN_INVALID');
    // A token names the sign-in session or the API token it was issued under (older ones: neither).
    const credential = credentialOf(claims.sid, claims.atk);
    return this.session(claims.sub, claims.prj, documentId, credential);
  }

  /** The session as membership and the credential stand now. */
  async session(userId: string, projectId: string, documentId: string, credential: CollabCredential | null): Promise<CollabSession> {
    const endsAt = await this.liveUntil(credential, userId);
    const user = await this.users.get(userId).catch(() => {
      throw new DomainError('TOKEN_INVALID');
    });
    const access = await this.projects.access({ ...user, via: 'access-token' }, projectId);
    await this.assertDocumentOf(projectId, documentId);
    const writable = new Set(access.project.languages.filter((lang) => canEditLanguage(access, lang)));
    return { userId, displayName: user.displayName, projectId, documentId, writable, credential, endsAt };
  }

  /** When the credential ends (ms); SESSION_ENDED, API_TOKEN_EXPIRED or TOKEN_INVALID when it has. */
  private async liveUntil(credential: CollabCredential | null, userId: string): Promise<number | null> {
    if (credential === null) return null;
    if (credential.kind === 'session') return (await this.sessions.liveUntil(credential.id, userId)).getTime();
    return (await this.apiTokens.apiTokenLiveUntil(credential.id, userId))?.getTime() ?? null;
  }

  private async assertDocumentOf(projectId: string, documentId: string): Promise<void> {
    const rows = (await this.db.query(`SELECT 1 FROM documents WHERE id = $1 AND project_id = $2`, [documentId, projectId])) as unknown[];
    if (!rows.length) throw new DomainError('DOCUMENT_NOT_FOUND', { document: documentId });
  }
}

function credentialOf(sid: unknown, atk: unknown): CollabCredential | null {
  if (sid !== undefined && atk !== undefined) throw new DomainError('TOKEN_INVALID');
  for (const [kind, id] of [['session', sid], ['api-token', atk]] as const) {
    if (id === undefined) continue;
    if (typeof id !== 'string') throw new DomainError('TOKEN_INVALID');
    return { kind, id };
  }
  return null;
}
