import { randomBytes } from 'node:crypto';
import { access, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const KEK_FILE = /^kek-([0-9a-f]{16})\.key$/;
const DESTROYED_FILE = /^\.kek-([0-9a-f]{16})\.destroyed$/;

/**
 * The key-encryption keys (KEK) of the contact store, kept outside PostgreSQL in a directory of
 * their own (PRIVACY_KEY_DIR, 0700, files 0600): the database holds per-record keys only wrapped
 * by a KEK. Rotation writes a new KEK; `destroy` overwrites and unlinks an old one, after which
 * nothing in the database's files, WAL or backups can unwrap the keys it wrapped.
 */
export class KeyRing {
  private readonly keys = new Map<string, Buffer>();
  private currentId: string | null = null;

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<KeyRing> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const ring = new KeyRing(dir);
    // A destruction interrupted after its rename (a crash): finished here.
    for (const file of (await readdir(dir)).filter((f) => DESTROYED_FILE.test(f))) await ring.destroy(DESTROYED_FILE.exec(file)![1]);
    await ring.reload();
    if (ring.currentId === null) await ring.create();
    return ring;
  }

  /** Reads the directory again (another instance may have rotated); the newest KEK is the current one. */
  async reload(): Promise<void> {
    this.keys.clear();
    const files = (await readdir(this.dir)).filter((f) => KEK_FILE.test(f));
    const loaded: { id: string; created: number }[] = [];
    for (const file of files) {
      const id = KEK_FILE.exec(file)![1];
      // Another instance's rotation may destroy an old KEK between the listing and the reading: the
      // file is gone then, or (read through a descriptor opened before `destroy` renamed it)
      // overwritten; it is taken only if it still has its name after the reading (see `destroy`).
      const path = join(this.dir, file);
      const content = await readFile(path).catch(gone);
      if (content === null || content.length !== 40 || (await access(path).then(() => false, gone)) === null) continue;
      this.keys.set(id, content.subarray(8));
      loaded.push({ id, created: Number(content.readBigUInt64BE(0)) });
    }
    loaded.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
    this.currentId = loaded.length > 0 ? loaded[loaded.length - 1].id : null;
  }

  current(): { id: string; key: Buffer } {
    if (this.currentId === null) throw new Error('no key-encryption key');
    return { id: this.currentId, key: this.keys.get(this.currentId)! };
  }

  async get(id: string): Promise<Buffer | null> {
    if (!this.keys.has(id)) await this.reload();
    return this.keys.get(id) ?? null;
  }

  /** Another instance may have rotated and destroyed the KEK this one holds as current. */
  async ensureCurrent(): Promise<void> {
    if (this.currentId === null) return this.reload();
    try {
      await access(join(this.dir, `kek-${this.currentId}.key`));
    } catch {
      await this.reload();
      if (this.currentId === null) await this.create();
    }
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }

  /** A new KEK, made current; the file is written under a temporary name and renamed (atomic). */
  async create(): Promise<string> {
    const id = randomBytes(8).toString('hex');
    const key = randomBytes(32);
    const header = Buffer.alloc(8);
    header.writeBigUInt64BE(BigInt(Date.now()) * 1000n + BigInt(this.keys.size));
    const temporary = join(this.dir, `.kek-${id}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(Buffer.concat([header, key]));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, join(this.dir, `kek-${id}.key`));
    this.keys.set(id, key);
    this.currentId = id;
    return id;
  }

  /**
   * Renames the KEK's file out of the ring (atomic: another instance reading the directory sees the
   * key whole or not at all), overwrites it with random bytes, syncs, unlinks it and forgets the key.
   */
  async destroy(id: string): Promise<void> {
    const path = join(this.dir, `.kek-${id}.destroyed`);
    try {
      await rename(join(this.dir, `kek-${id}.key`), path).catch(gone);
      const handle = await open(path, 'r+');
      try {
        await handle.write(randomBytes(40), 0, 40, 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.keys.get(id)?.fill(0);
    this.keys.delete(id);
  }
}

/** null for a file that is no longer there; other errors are thrown. */
function gone(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}
