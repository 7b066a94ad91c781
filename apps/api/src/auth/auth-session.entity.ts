import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionSummary } from '#libs/contracts';

/** One sign-in: its access tokens carry its id (`sid`) and stop working when it ends. */
@Entity({ name: 'auth_sessions' })
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  /** The User-Agent of the sign-in, shortened, so a person can tell their sessions apart. */
  @Column('text', { nullable: true })
  userAgent: string | null;

  /** Refreshes so far; a token of this generation or the one before may be refreshed. */
  @Column('integer', { default: 0 })
  generation: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Last request or refresh, written at most once a minute. */
  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}

export const toSessionSummary = (s: AuthSession, currentId: string | null): SessionSummary => ({
  id: s.id,
  userAgent: s.userAgent,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  current: s.id === currentId,
});
