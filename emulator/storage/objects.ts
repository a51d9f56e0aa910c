// The bytes of cloud storage, kept in the data directory so that an acknowledged upload survives a
// restart and a kill -9. Every object is one file, `objects/<sha256 of its cloudPath>`: a hash, so
// that no cloudPath (however long, whatever its characters) can name a path outside the folder.
// A write goes to `tmp/` first, is fsynced, then renamed over the object and the folder fsynced:
// a reader sees the old bytes or the new ones, never half of them, and once `put` returns the new
// bytes are on disk. A kill -9 in the middle leaves only a file in `tmp/`, removed at the next start.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** fsync a folder, so that a rename or an unlink in it is durable (not possible on every platform). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder: its renames are durable enough for a development tool.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `bytes` to `file` durably: a temp file in `tmpDir`, fsynced, renamed over `file`, folder fsynced. */
export function writeFileDurably(file: string, bytes: Uint8Array, tmpDir: string, mode = 0o644): void {
  const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncFolder(dirname(file));
}

export interface ObjectStore {
  put(cloudPath: string, bytes: Uint8Array): void;
  get(cloudPath: string): Buffer | undefined;
  /** Bytes stored and when, without reading them. */
  stat(cloudPath: string): { size: number; modifiedAt: Date } | undefined;
  /** false when there was nothing to remove. */
  remove(cloudPath: string): boolean;
  /** Removes every object (POST /__dev/reset). */
  clear(): void;
}

/** The objects under `root` (created if missing): `root/objects/`, `root/tmp/`. */
export function openObjectStore(root: string): ObjectStore {
  const objects = join(root, 'objects');
  const tmp = join(root, 'tmp');
  mkdirSync(objects, { recursive: true });
  // A write a kill -9 interrupted: never renamed, so never visible; drop it.
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const fileOf = (cloudPath: string) => join(objects, createHash('sha256').update(cloudPath, 'utf8').digest('hex'));

  return {
    put(cloudPath, bytes) {
      writeFileDurably(fileOf(cloudPath), bytes, tmp);
    },
    get(cloudPath) {
      try {
        return readFileSync(fileOf(cloudPath));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    stat(cloudPath) {
      const file = fileOf(cloudPath);
      if (!existsSync(file)) return undefined;
      const s = statSync(file);
      return { size: s.size, modifiedAt: s.mtime };
    },
    remove(cloudPath) {
      const file = fileOf(cloudPath);
      if (!existsSync(file)) return false;
      rmSync(file, { force: true });
      syncFolder(objects);
      return true;
    },
    clear() {
      for (const name of readdirSync(objects)) rmSync(join(objects, name), { force: true });
      syncFolder(objects);
    },
  };
}
