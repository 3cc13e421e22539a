import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyRing } from '../src/privacy/key-ring';

/**
 * Two replicas share PRIVACY_KEY_DIR: one rotates and destroys the old KEKs while the other reads
 * the directory (at its start, or to find a KEK it does not know). A KEK destroyed between the
 * listing and the reading is simply gone, not an error that stops the replica from starting.
 */
describe('KeyRing shared by two replicas', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-key-ring-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the directory while the other replica destroys old keys, and ends with the current key only', async () => {
    const rotating = await KeyRing.open(dir);
    for (let i = 0; i < 150; i++) await rotating.create();
    const current = rotating.current().id;
    const starting = await KeyRing.open(dir);
    const old = rotating.ids().filter((id) => id !== current);
    const destroying = (async () => {
      for (const id of old) await rotating.destroy(id);
    })();
    const reading = (async () => {
      let reads = 0;
      for (let done = false; !done; reads++) {
        done = rotating.ids().length === 1;
        await starting.reload();
        expect(starting.current().id).toBe(current);
      }
      return reads;
    })();
    const [, reads] = await Promise.all([destroying, reading]);
    expect(reads).toBeGreaterThan(1);
    expect(starting.ids()).toEqual([current]);
    await expect(KeyRing.open(dir)).resolves.toBeInstanceOf(KeyRing);
  });

  it('finishes at its next start a destruction interrupted after the rename (a crash)', async () => {
    const ring = await KeyRing.open(dir);
    const old = ring.current().id;
    await ring.create();
    // What a crash right after destroy's rename leaves behind.
    await rename(join(dir, `kek-${old}.key`), join(dir, `.kek-${old}.destroyed`));
    const reopened = await KeyRing.open(dir);
    expect(reopened.ids()).toEqual([reopened.current().id]);
    expect((await readdir(dir)).filter((f) => f.includes(old))).toEqual([]);
  });
});
