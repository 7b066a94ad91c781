import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProjectRole } from '#libs/contracts';

@Entity({ name: 'project_members' })
export class ProjectMember {
  @PrimaryColumn('uuid')
  projectId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  role: ProjectRole;

  /** Languages this member may edit; null: all of the edition's languages. */
  @Column('text', { array: true, nullable: true })
  languages: string[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
