import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobKind, JobView, UiLanguage } from '#libs/contracts';
import { isErrorCode } from '../common/errors/error-codes.js';
import { DomainError } from '../common/errors/domain-error.js';
import { renderError } from '../common/errors/domain-error.filter.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { Job } from './job.entity.js';

export interface JobContext {
  /** Reports progress; writes are throttled so a fast loop does not flood the database. */
  progress(phase: string, done: number, total: number): void;
}

/** How often progress reaches the database at most. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Long tasks run in the API process after the request that started them has been answered with the
 * job; callers poll the job for phase, progress and, at the end, the result or a coded error.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<Promise<void>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(
    access: ProjectAccess,
    actorId: string,
    kind: JobKind,
    params: Record<string, unknown>,
    work: (ctx: JobContext) => Promise<unknown>,
  ): Promise<JobView> {
    const job = await this.db.getRepository(Job).save(
      this.db.getRepository(Job).create({ projectId: access.project.id, kind, params, createdBy: actorId }),
    );
    const run = this.run(job.id, work).finally(() => this.running.delete(run));
    this.running.add(run);
    return toJobView(job);
  }

  /** The job, its error worded in the caller's language. */
  async get(access: ProjectAccess, jobId: string, language: UiLanguage = 'en'): Promise<JobView> {
    const job = await this.db.getRepository(Job).findOneBy({ id: jobId, projectId: access.project.id });
    if (!job) throw new DomainError('JOB_NOT_FOUND', { job: jobId });
    const view = toJobView(job);
    if (view.error && isErrorCode(view.error.code)) {
      const params = (view.error.details ?? {}) as Record<string, string | number>;
      view.error = { ...view.error, message: renderError(new DomainError(view.error.code, params), language).error.message };
    }
    return view;
  }

  /** Lets running jobs finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(jobId: string, work: (ctx: JobContext) => Promise<unknown>): Promise<void> {
    const jobs = this.db.getRepository(Job);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const ctx: JobContext = {
      progress: (phase, done, total) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && done < total) return;
        lastWrite = now;
        pending = pending.then(() => jobs.update({ id: jobId }, { phase, done, total }).catch(() => undefined));
      },
    };
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await jobs.update({ id: jobId }, { status: 'running', startedAt: new Date() });
      const result = await work(ctx);
      await pending;
      await jobs.update({ id: jobId }, { status: 'succeeded', result: result as object, finishedAt: new Date() });
    } catch (error) {
      await pending;
      const coded = error instanceof DomainError ? error : null;
      if (!coded) this.logger.error(`Job ${jobId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const body = renderError(coded ?? new DomainError('INTERNAL'), 'en').error;
      await jobs
        .update({ id: jobId }, { status: 'failed', error: { code: body.code, message: body.message, details: coded?.params }, finishedAt: new Date() })
        .catch((e: unknown) => this.logger.error(`Could not record the failure of job ${jobId}: ${String(e)}`));
    }
  }
}

export const toJobView = (j: Job): JobView => ({
  id: j.id,
  projectId: j.projectId,
  kind: j.kind,
  status: j.status,
  phase: j.phase,
  done: j.done,
  total: j.total,
  params: j.params,
  result: j.result ?? null,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
});
