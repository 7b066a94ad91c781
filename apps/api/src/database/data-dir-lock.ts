import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE_NAME = 'interlinea.lock';

/** Thrown when another live process holds the data directory. */
export class DataDirectoryInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  override readonly name = 'DataDirectoryInUseError';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Interlinea process (pid ${pid}). ` +
        `Stop that process, or give this one its own database: set DATA_DIR to another directory, ` +
        `or DATABASE_URL to use a PostgreSQL server. ` +
        `(If pid ${pid} is not an Interlinea process, delete ${join(dataDir, LOCK_FILE_NAME)}.)`,
    );
  }
}

/** What the lock file records about its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly lockFile: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export interface AcquireDataDirLockOptions {
  log?: (message: string) => void;
}

/** A writer fills the file right after creating it; an empty file older than this is left by a crash. */
const UNREADABLE_LOCK_GRACE_MS = 500;

/** Lock files this process holds: its own pid in a lock file means "ours" only if listed here. */
const heldByThisProcess = new Set<string>();

/**
 * Takes `<dataDir>/interlinea.lock` for this process, creating the directory if needed.
 *
 * PGlite keeps no postmaster.pid, so two processes could open one database and corrupt it; this lock
 * stands in. The file is created with `wx` (atomic create-if-absent). A lock whose pid is no longer
 * alive is taken over (the process was killed before releasing it). Liveness is judged on this
 * machine only: the recorded hostname is for people reading the file, because a container restarted
 * with a new hostname must still be able to take over its own stale lock.
 */
export async function acquireDataDirLock(
  dataDirInput: string,
  { log = () => undefined }: AcquireDataDirLockOptions = {},
): Promise<DataDirLock> {
  const dataDir = resolve(dataDirInput);
  const lockFile = join(dataDir, LOCK_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });

  const content = `${JSON.stringify({
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  } satisfies LockHolder)}\n`;

  // A few rounds: each failed create either ends in an error or removes a stale file first.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockFile, content)) return holdLock(dataDir, lockFile, content);

    const holder = await readHolder(lockFile);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isHeldElsewhere(lockFile, holder.pid)) {
      throw new DataDirectoryInUseError(dataDir, holder.pid);
    }
    const description =
      holder === 'unreadable'
        ? 'an unreadable lock file'
        : `a lock left by pid ${holder.pid} (${holder.hostname}, started ${holder.startedAt}), ` +
          `which is no longer running`;
    if (takeOverStale(lockFile, holder)) log(`Taking over ${lockFile}: found ${description}.`);
    // Otherwise another process is taking it over right now: give it a moment, then look again.
    else await delay(20);
  }
  throw new Error(`Could not take the lock ${lockFile}: it keeps changing hands.`);
}

function tryCreate(lockFile: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function holdLock(dataDir: string, lockFile: string, content: string): DataDirLock {
  heldByThisProcess.add(lockFile);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldByThisProcess.delete(lockFile);
    process.removeListener('exit', release);
    try {
      // Only remove the file if it is still ours; never delete a lock another process took over.
      if (readFileSync(lockFile, 'utf8') === content) unlinkSync(lockFile);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  };
  // Best effort: 'exit' covers normal ends and process.exit(), not signals or crashes; a lock left
  // behind by those is recognised as stale (dead pid) on the next start.
  process.on('exit', release);
  return { dataDir, lockFile, release };
}

type ReadResult = LockHolder | 'unreadable' | 'gone';

/** Reads the holder, waiting briefly for a file that is being written (created but still empty). */
async function readHolder(lockFile: string): Promise<ReadResult> {
  const deadline = Date.now() + UNREADABLE_LOCK_GRACE_MS;
  for (;;) {
    const result = readHolderOnce(lockFile);
    if (result !== 'unreadable' || Date.now() >= deadline) return result;
    await delay(20);
  }
}

function readHolderOnce(lockFile: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  return parseHolder(text) ?? 'unreadable';
}

/** Parses the JSON this module writes; a bare pid is accepted too, for hand-made or older files. */
export function parseHolder(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), hostname: 'unknown', startedAt: 'unknown' };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value !== 'object' || value === null) return null;
    const { pid, hostname: host, startedAt } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return null;
    return {
      pid,
      hostname: typeof host === 'string' ? host : 'unknown',
      startedAt: typeof startedAt === 'string' ? startedAt : 'unknown',
    };
  } catch {
    return null;
  }
}

function isHeldElsewhere(lockFile: string, pid: number): boolean {
  // Our own pid: held if this process took it, stale otherwise (pids repeat across container runs,
  // where the app is often pid 1 every time).
  if (pid === process.pid) return heldByThisProcess.has(lockFile);
  return isProcessAlive(pid);
}

/** `kill(pid, 0)` checks existence without signalling: ESRCH means gone, EPERM means alive (another user). */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative pids address process groups; never probe those.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes a stale lock file unless it changed since it was judged stale. Two processes may judge the
 * same file stale at once; the `.takeover` file (created with `wx`) lets only one of them delete and
 * recreate, and the other then finds the new, live holder.
 */
function takeOverStale(lockFile: string, judged: LockHolder | 'unreadable'): boolean {
  const guard = `${lockFile}.takeover`;
  if (!tryCreate(guard, `${process.pid}\n`)) {
    clearStaleGuard(guard);
    return false;
  }
  try {
    const current = readHolderOnce(lockFile);
    if (current === 'gone') return false;
    const unchanged =
      judged === 'unreadable'
        ? current === 'unreadable'
        : current !== 'unreadable' && current.pid === judged.pid && current.startedAt === judged.startedAt;
    if (!unchanged) return false;
    unlinkSync(lockFile);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/** A takeover guard lives for microseconds; one whose writer is dead was left by a crash. */
function clearStaleGuard(guard: string): void {
  const holder = readHolderOnce(guard);
  if (holder === 'gone') return;
  if (holder === 'unreadable' ? !isOlderThan(guard, UNREADABLE_LOCK_GRACE_MS) : isProcessAlive(holder.pid)) return;
  try {
    unlinkSync(guard);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function isOlderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

const delay = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Structural, not `instanceof Error`: fs errors may come from another realm (jest's vm contexts). */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
