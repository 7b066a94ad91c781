import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireDataDirLock,
  DataDirectoryInUseError,
  isProcessAlive,
  LOCK_FILE_NAME,
  parseHolder,
  type DataDirLock,
} from './data-dir-lock.js';

describe('data directory lock', () => {
  let dir: string;
  let lockFile: string;
  const held: DataDirLock[] = [];
  const children: ChildProcess[] = [];

  const acquire = async (log?: (message: string) => void): Promise<DataDirLock> => {
    const lock = await acquireDataDirLock(dir, { log });
    held.push(lock);
    return lock;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'interlinea-lock-'));
    lockFile = join(dir, LOCK_FILE_NAME);
  });

  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** A process that stays alive until killed; resolves once it runs. */
  const spawnLiveProcess = async (): Promise<number> => {
    const child = spawn(process.execPath, ['-e', "process.stdout.write('ready'); setInterval(() => {}, 1 << 30)"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((ready, fail) => {
      child.stdout!.once('data', () => ready());
      child.once('error', fail);
    });
    return child.pid!;
  };

  /** The pid of a process that has already exited. */
  const deadPid = (): number => {
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    expect(isProcessAlive(pid!)).toBe(false);
    return pid!;
  };

  const writeLock = (pid: number, startedAt = '2026-01-01T00:00:00.000Z'): void =>
    writeFileSync(lockFile, JSON.stringify({ pid, hostname: 'elsewhere', startedAt }));

  it('creates the directory and a lock file naming this process, and removes it on release', async () => {
    const nested = join(dir, 'a', 'b');
    const lock = await acquireDataDirLock(nested);
    held.push(lock);

    const holder = parseHolder(readFileSync(join(nested, LOCK_FILE_NAME), 'utf8'));
    expect(holder).toEqual({ pid: process.pid, hostname: expect.any(String), startedAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(holder!.startedAt))).toBe(false);

    lock.release();
    expect(existsSync(join(nested, LOCK_FILE_NAME))).toBe(false);
    lock.release(); // idempotent
  });

  it('refuses a second lock on the same directory in the same process', async () => {
    await acquire();
    const second = acquire();
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(second).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE', pid: process.pid, dataDir: dir });
  });

  it('lets exactly one of two simultaneous attempts win', async () => {
    const results = await Promise.allSettled([acquire(), acquire()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DataDirectoryInUseError);
  });

  it('refuses a directory held by another live process, with a message saying what to do', async () => {
    const pid = await spawnLiveProcess();
    writeLock(pid);

    const error = await acquire().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirectoryInUseError);
    const inUse = error as DataDirectoryInUseError;
    expect(inUse).toMatchObject({ code: 'DATA_DIR_IN_USE', pid, dataDir: dir });
    expect(inUse.message).toContain(dir);
    expect(inUse.message).toContain(`pid ${pid}`);
    expect(inUse.message).toMatch(/stop that process/i);
    expect(inUse.message).toContain('DATA_DIR');
    expect(inUse.message).toContain('DATABASE_URL');
    // The other process's lock is left alone.
    expect(parseHolder(readFileSync(lockFile, 'utf8'))?.pid).toBe(pid);
  });

  it('takes over a lock left by a process that is no longer running, and says so', async () => {
    const pid = deadPid();
    writeLock(pid);
    const logs: string[] = [];

    await acquire((m) => logs.push(m));

    expect(parseHolder(readFileSync(lockFile, 'utf8'))?.pid).toBe(process.pid);
    expect(logs).toEqual([expect.stringContaining(`pid ${pid}`)]);
    expect(logs[0]).toContain(lockFile);
  });

  it('takes over a lock naming its own pid that it does not hold (a restarted container)', async () => {
    writeLock(process.pid);
    const logs: string[] = [];
    await acquire((m) => logs.push(m));
    expect(logs).toHaveLength(1);
  });

  it('accepts a bare pid in the file, as written by hand or by other tools', async () => {
    const pid = await spawnLiveProcess();
    writeFileSync(lockFile, `${pid}\n`);
    await expect(acquire()).rejects.toMatchObject({ pid });
  });

  it('takes over an empty lock file once it is clearly not being written', async () => {
    writeFileSync(lockFile, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    const logs: string[] = [];
    await acquire((m) => logs.push(m));
    expect(logs).toEqual([expect.stringContaining('unreadable')]);
    expect(parseHolder(readFileSync(lockFile, 'utf8'))?.pid).toBe(process.pid);
  });

  it('on release, leaves alone a lock file that is no longer its own', async () => {
    const lock = await acquire();
    const pid = await spawnLiveProcess();
    writeLock(pid); // e.g. someone deleted ours and another process took the directory
    lock.release();
    expect(parseHolder(readFileSync(lockFile, 'utf8'))?.pid).toBe(pid);
  });

  it('releases on process exit (registers an exit listener, removed on release)', async () => {
    const before = process.listenerCount('exit');
    const lock = await acquire();
    expect(process.listenerCount('exit')).toBe(before + 1);
    lock.release();
    expect(process.listenerCount('exit')).toBe(before);
  });

  describe('parseHolder', () => {
    it.each([
      ['{"pid":42,"hostname":"h","startedAt":"t"}', { pid: 42, hostname: 'h', startedAt: 't' }],
      ['42\n', { pid: 42, hostname: 'unknown', startedAt: 'unknown' }],
      ['', null],
      ['{"pid":', null],
      ['{"pid":0}', null],
      ['{"pid":-1}', null],
      ['{"pid":"42"}', null],
      ['null', null],
    ])('%j', (text, expected) => {
      expect(parseHolder(text)).toEqual(expected);
    });
  });

  describe('isProcessAlive', () => {
    it('is true for this process and false for an exited one', () => {
      expect(isProcessAlive(process.pid)).toBe(true);
      expect(isProcessAlive(deadPid())).toBe(false);
    });

    it('never probes process groups (0 or negative pids)', () => {
      expect(isProcessAlive(0)).toBe(false);
      expect(isProcessAlive(-1)).toBe(false);
      expect(isProcessAlive(1.5)).toBe(false);
    });
  });
});
