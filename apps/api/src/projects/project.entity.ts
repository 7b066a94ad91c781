import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An edition: one book in a source language and the languages it is translated into. */
@Entity({ name: 'projects' })
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  title: string;

  @Column('text')
  sourceLanguage: string;

  @Column('text', { array: true, default: () => "'{}'" })
  targetLanguages: string[];

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Source first, then the targets. */
  get languages(): string[] {
    return [this.sourceLanguage, ...this.targetLanguages];
  }
}
