import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentKind } from '#libs/contracts';

/** A thread (no parent) on a segment, optionally about one language, or a reply in one. */
@Entity({ name: 'comments' })
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  projectId: string;

  @Column('uuid')
  documentId: string;

  @Column('uuid')
  segmentId: string;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @Column('text', { default: 'comment' })
  kind: CommentKind;

  @Column('uuid', { nullable: true })
  authorId: string | null;

  @Column('text')
  body: string;

  @Column('uuid', { array: true, default: () => "'{}'" })
  mentions: string[];

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @Column('uuid', { nullable: true })
  resolvedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
