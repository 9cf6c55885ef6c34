// One process at a time on an embedded database folder. PGlite has no lock between processes:
// two servers (or a server and a backup) writing the same files would corrupt them silently. The
// lock is a file holding the owner's process id; a process killed without releasing it (SIGKILL,
// a power cut) leaves a dead id behind, which the next start takes over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'tong-hop.lock';

export class DataDirInUse extends Error {}

/** Whether a process with this id is running (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner recorded in a lock file's text, or null when it is not a process id. */
export function lockOwner(text: string): number | null {
  const pid = Number(text.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function tryCreate(file: string, pid: number): boolean {
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, `${pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the folder for this process; returns the function that gives it back. Refuses, with a
 * message saying what to do, when a running process holds it.
 */
export function lockDataDir(
  dir: string,
  pid: number = process.pid,
  running: (pid: number) => boolean = isRunning,
): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, pid)) {
      return () => {
        try {
          if (lockOwner(readFileSync(file, 'utf8')) === pid) unlinkSync(file);
        } catch {
          // already gone: nothing to give back
        }
      };
    }
    let owner: number | null;
    try {
      owner = lockOwner(readFileSync(file, 'utf8'));
    } catch {
      continue; // released meanwhile: try again
    }
    if (owner !== null && running(owner)) {
      throw new DataDirInUse(
        `Cơ sở dữ liệu nhúng tại ${dir} đang được tiến trình ${owner} dùng (một máy chủ khác, ` +
          'hoặc lệnh sao lưu/khôi phục). Hãy dừng tiến trình đó, hoặc dùng DATA_DIR khác. Nếu chắc ' +
          `chắn không còn tiến trình nào dùng thư mục này, xóa tệp ${file}.`,
      );
    }
    // Left by a process that no longer runs (killed): take it over.
    try {
      unlinkSync(file);
    } catch {
      // another starting process removed it first; the next attempt decides
    }
  }
  throw new DataDirInUse(
    `Không giữ được khóa ${file}: một tiến trình khác đang khởi động trên cùng thư mục.`,
  );
}
