import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JobKind, JobStatus } from '#libs/contracts';

/** A long task (import, export, alignment) whose progress the caller polls. */
@Entity({ name: 'jobs' })
export class Job {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  projectId: string;

  @Column('text')
  kind: JobKind;

  @Column('text', { default: 'queued' })
  status: JobStatus;

  @Column('text', { nullable: true })
  phase: string | null;

  @Column('integer', { default: 0 })
  done: number;

  @Column('integer', { default: 0 })
  total: number;

  @Column('jsonb', { default: () => "'{}'" })
  params: Record<string, unknown>;

  @Column('jsonb', { nullable: true })
  result: unknown;

  @Column('jsonb', { nullable: true })
  error: { code: string; message: string; details?: unknown } | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  /** Touched while a process runs the job; see JobsService.failInterrupted. */
  @Column('timestamptz', { nullable: true, default: () => 'now()' })
  heartbeatAt: Date | null;
}
