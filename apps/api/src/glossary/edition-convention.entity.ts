import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FindingKind, Severity } from '#libs/glossary';
import type { ConventionDefinition } from '#libs/transliteration';

/** An edition's transliteration for one target language, and the severity of each kind of finding. */
@Entity({ name: 'edition_conventions' })
export class EditionConvention {
  @PrimaryColumn('uuid')
  projectId: string;

  @PrimaryColumn('text')
  language: string;

  /** A built-in scheme or convention id, or `custom` (then `convention` holds the edition's own). */
  @Column('text')
  scheme: string;

  @Column('jsonb', { nullable: true })
  convention: ConventionDefinition | null;

  @Column('jsonb', { default: () => "'{}'" })
  severities: Partial<Record<FindingKind, Severity>>;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
