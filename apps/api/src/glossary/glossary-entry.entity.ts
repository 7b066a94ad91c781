import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EntryForm, EntryKind } from '#libs/glossary';

@Entity({ name: 'glossary_entries' })
export class GlossaryEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  glossaryId: string;

  @Column('text', { nullable: true })
  lemma: string | null;

  @Column('text')
  kind: EntryKind;

  @Column('text', { nullable: true })
  firstName: string | null;

  @Column('text', { nullable: true })
  patronymic: string | null;

  @Column('text', { default: '' })
  definition: string;

  @Column('text', { default: '' })
  notes: string;

  /** Forms per language: `{ en: [{ form, status, contexts? }] }`. */
  @Column('jsonb', { default: () => "'{}'" })
  forms: Record<string, EntryForm[]>;

  @Column('integer', { default: 1 })
  revision: number;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
