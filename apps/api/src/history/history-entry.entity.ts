import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HistorySource = 'live' | 'rest' | 'import' | 'review' | 'revert' | 'structure' | 'system';

/** One change: who, when, what before and after, and from where. */
@Entity({ name: 'history_entries' })
export class HistoryEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  projectId: string;

  @Column('uuid', { nullable: true })
  documentId: string | null;

  @Column('uuid', { nullable: true })
  segmentId: string | null;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text')
  source: HistorySource;

  @Column('text')
  action: string;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
