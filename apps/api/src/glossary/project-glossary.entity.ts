import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An edition uses a glossary (its own, or one shared from another edition). */
@Entity({ name: 'project_glossaries' })
export class ProjectGlossary {
  @PrimaryColumn('uuid')
  projectId: string;

  @PrimaryColumn('uuid')
  glossaryId: string;

  @Column('integer', { default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
