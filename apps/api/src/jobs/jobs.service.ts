import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobKind, JobView, UiLanguage } from '#libs/contracts';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isErrorCode } from '../common/errors/error-codes.js';
import { DomainError } from '../common/errors/domain-error.js';
import { renderError } from '../common/errors/domain-error.filter.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { Job } from './job.entity.js';

export interface JobContext {
  /** The job's id (an export stores its file under it). */
  readonly jobId: string;
  /** Reports progress; writes are throttled so a fast loop does not flood the database. */
  progress(phase: string, done: number, total: number): void;
}

/** How often progress reaches the database at most. */
const PROGRESS_INTERVAL_MS = 250;

/** Tunables of the liveness of jobs; tests shorten them. */
export interface JobTiming {
  heartbeatMs: number;
  staleAfterMs: number;
  sweepMs: number;
}

/** The defaults; `AppConfig.jobs` overrides them (tests shorten the heartbeat). */
export const JOB_TIMING: Readonly<JobTiming> = Object.freeze({
  /** A process touches the heartbeat of each job it runs this often. */
  heartbeatMs: 5_000,
  /**
   * An unfinished job whose heartbeat is older than this belongs to a process that died. Generous,
   * because a long synchronous stretch (parsing a large book) delays the heartbeat too.
   */
  staleAfterMs: 60_000,
  /** How often a process looks for such jobs (it also looks once at start). */
  sweepMs: 15_000,
});

/**
 * Long tasks run in the API process after the request that started them has been answered with the
 * job; callers poll the job for phase, progress and, at the end, the result or a coded error.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<Promise<void>>();
  /** Ids of the jobs this process runs: their heartbeats. */
  private readonly mine = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly timing: JobTiming;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.timing = { ...JOB_TIMING, ...config.jobs };
  }

  /**
   * Jobs left unfinished by a process that died (SIGKILL, a crash, a lost machine) are failed as
   * JOB_INTERRUPTED, at start and then periodically (another process may die while this one runs).
   * On the embedded database this is the only process (DATA_DIR is locked), so at start every
   * unfinished job is such a job; on a server database other processes (API processes, the CLI) may
   * be running jobs, and a job is theirs until its heartbeat stops. Imports write in one
   * transaction, so an interrupted job left nothing behind.
   */
  async onApplicationBootstrap(): Promise<void> {
    const sweep = (everyUnfinished = false): Promise<unknown> =>
      this.failInterrupted(everyUnfinished).catch((e: Error) => this.logger.warn(`Looking for interrupted jobs failed: ${e.message}`));
    await sweep(this.config.databaseUrl === null);
    this.sweeper = setInterval(() => void sweep(), this.timing.sweepMs);
    this.sweeper.unref();
    this.heartbeat = setInterval(() => {
      if (!this.mine.size) return;
      void this.db
        .query(`UPDATE jobs SET heartbeat_at = now() WHERE id = ANY($1) AND status IN ('queued', 'running')`, [[...this.mine]])
        .catch((e: Error) => this.logger.warn(`Job heartbeat failed: ${e.message}`));
    }, this.timing.heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Fails every unfinished job whose heartbeat stopped (or, with `everyUnfinished`, every unfinished
   * job), never one this process runs; returns their ids. The database's clock decides staleness, so
   * processes on machines with different clocks agree.
   */
  async failInterrupted(everyUnfinished = false): Promise<string[]> {
    const body = renderError(new DomainError('JOB_INTERRUPTED'), 'en').error;
    const failed = (await this.db.query(
      `WITH failed AS (
         UPDATE jobs SET status = 'failed', error = $1, finished_at = now()
          WHERE status IN ('queued', 'running') AND NOT (id = ANY($3))
            AND ($4 OR heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $2))
          RETURNING id)
       SELECT id FROM failed`,
      [{ code: body.code, message: body.message }, this.timing.staleAfterMs / 1000, [...this.mine], everyUnfinished],
    )) as { id: string }[];
    for (const { id } of failed) this.logger.warn(`Job ${id} was interrupted (its process stopped) and is marked failed`);
    return failed.map((r) => r.id);
  }

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
    this.mine.add(job.id);
    const run = this.run(job.id, work).finally(() => {
      this.mine.delete(job.id);
      this.running.delete(run);
    });
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
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled([...this.running]);
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private async run(jobId: string, work: (ctx: JobContext) => Promise<unknown>): Promise<void> {
    const jobs = this.db.getRepository(Job);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const ctx: JobContext = {
      jobId,
      progress: (phase, done, total) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && done < total) return;
        lastWrite = now;
        pending = pending.then(() => jobs.update({ id: jobId }, { phase, done, total }).catch(() => undefined));
      },
    };
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await jobs.update({ id: jobId }, { status: 'running', startedAt: new Date(), heartbeatAt: () => 'now()' });
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
