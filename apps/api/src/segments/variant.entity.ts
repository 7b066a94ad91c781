import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InlineContent } from '#libs/content';
import type { VariantStatus } from '#libs/contracts';

/** One segment in one language. A segment without a variant in a language is untranslated there. */
@Entity({ name: 'variants' })
export class Variant {
  @PrimaryColumn('uuid')
  segmentId: string;

  @PrimaryColumn('text')
  language: string;

  @Column('jsonb', { default: () => "'[]'" })
  content: InlineContent;

  /** Derived from content: the text without formatting or footnote references. */
  @Column('text', { default: '' })
  plainText: string;

  /** SHA-256 of the canonical content; an approval stores the hash it was given for. */
  @Column('text')
  contentHash: string;

  @Column('text', { default: 'draft' })
  status: VariantStatus;

  /** Increases with every change of content. */
  @Column('integer', { default: 1 })
  revision: number;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;

  @Column('text', { nullable: true })
  approvedHash: string | null;

  @Column('uuid', { nullable: true })
  approvedBy: string | null;

  @Column('timestamptz', { nullable: true })
  approvedAt: Date | null;
}
