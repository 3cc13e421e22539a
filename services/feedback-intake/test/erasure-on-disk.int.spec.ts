import { createDecipheriv } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContactStore } from '../src/privacy/contact-store';
import { KeyRing } from '../src/privacy/key-ring';
import { bootHarness, Harness, seedDirectory } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const CONTACT = { name: 'Siti Aminah Rahayu', email: 'siti.aminah.rahayu@example.id', phone: '0812 7777 3131' };

/**
 * Issue 15 finding 4, tested the way it was broken: after `POST /public/erase-my-data` the key row
 * was deleted but the key stayed in the table's dead tuples and in the WAL beside the kept
 * ciphertext, and the contact was decrypted from the data directory. Now: erase, rotate the KEK
 * (what the service does every PRIVACY_KEK_ROTATION_HOURS), then search the PostgreSQL data
 * directory (the key table's heap file and every WAL segment written meanwhile) for anything that
 * decrypts the record, with every key-encryption key left on the machine.
 */
describe('erasure that is real: nothing on disk decrypts an erased contact', () => {
  let h: Harness;
  let dataDirectory: string;

  beforeAll(async () => {
    h = await bootHarness('fi_erasure_disk', { now: NOW, env: { RELAY_ENABLED: 'false', RATE_LIMIT_PER_ADDRESS: '100' } });
    await seedDirectory(h);
    dataDirectory = (await h.sql.query('SHOW data_directory')).rows[0].data_directory as string;
  });
  afterAll(async () => h?.close());

  const walSegmentsSince = async (startFile: string) => {
    const endFile = (await h.sql.query('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f')).rows[0].f as string;
    const names = (await readdir(join(dataDirectory, 'pg_wal'))).filter((f) => /^[0-9A-F]{24}$/.test(f) && f >= startFile && f <= endFile);
    return Promise.all(names.map((name) => readFile(join(dataDirectory, 'pg_wal', name))));
  };

  it('after erasure and one KEK rotation, neither the heap, its dead tuples nor the WAL hold a usable key', async () => {
    const startWal = (await h.sql.query('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f')).rows[0].f as string;
    const filed = await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category: 'PERILAKU_PETUGAS', channel: 'WEB_FORM', description: 'Petugas berkata kasar.', contact: CONTACT }).expect(201);
    const [event] = await h.store.readStream(`complaint-${filed.body.complaintId}`);
    const ref = (event.data as { contactRef: string }).contactRef;
    const contacts = h.app.get(ContactStore);
    expect(await contacts.read(ref)).toEqual(CONTACT);

    // What the attacker of the finding had: the record (kept), and the key row as it was stored.
    const record = (await h.sql.query('SELECT iv, ciphertext, auth_tag FROM feedback_intake_privacy.contact_record WHERE contact_ref = $1', [ref])).rows[0];
    const keyRow = (await h.sql.query('SELECT key, kek_id, wrap_iv, wrap_tag FROM feedback_intake_privacy.contact_key WHERE contact_ref = $1', [ref])).rows[0];
    const keyDir = join(h.keyDir, 'privacy');
    const dek = unwrap((await (await KeyRing.open(keyDir)).get(keyRow.kek_id))!, keyRow, ref);
    expect(decrypt(dek, ref, record)).toEqual(CONTACT);

    // Erase, make PostgreSQL write everything down, rotate.
    await h.citizen().post('/public/erase-my-data').send({ code: filed.body.trackingCode }).expect(200);
    expect(await contacts.read(ref)).toBeNull();
    await contacts.rotate();
    await h.sql.query('CHECKPOINT');

    const heapPath = (await h.sql.query(`SELECT pg_relation_filepath('feedback_intake_privacy.contact_key') AS p`)).rows[0].p as string;
    const files = [await readFile(join(dataDirectory, heapPath)), ...(await walSegmentsSince(startWal))];
    expect(files.length).toBeGreaterThan(1);

    // The data key never reached the disk in the clear (it did before: that was the finding).
    for (const file of files) expect(file.indexOf(dek)).toBe(-1);
    // The wrapped key is still there (dead tuple, WAL): the search looks at the right bytes ...
    expect(files.some((file) => file.indexOf(keyRow.key) >= 0)).toBe(true);
    // ... but no key-encryption key left on the machine unwraps it: the one that wrapped it is destroyed.
    const ring = await KeyRing.open(keyDir);
    expect(ring.ids()).not.toContain(keyRow.kek_id);
    for (const id of ring.ids()) {
      const kek = (await ring.get(id))!;
      expect(() => unwrap(kek, { ...keyRow, kek_id: id }, ref)).toThrow();
      expect(() => unwrap(kek, keyRow, ref)).toThrow();
    }
    // And no 32-byte window of the key table's file, nor of the WAL around the record, decrypts it.
    for (const file of files) expect(anyWindowDecrypts(file, ref, record)).toBe(false);
  });

  it('a contact that was not erased survives the rotation and stays readable', async () => {
    const kept = await h.citizen().post('/public/feedback').send({ unitId: 'PUSKESMAS-1', rating: 2, channel: 'WEB_FORM', contact: { email: 'tetap@example.id' } }).expect(201);
    const [event] = await h.store.readStream(`citizen-feedback-${kept.body.feedbackId}`);
    const ref = (event.data as { contactRef: string }).contactRef;
    const contacts = h.app.get(ContactStore);
    const before = (await contacts.rotate()).kekId;
    const after = await contacts.rotate();
    expect(after.kekId).not.toBe(before);
    expect(after.destroyed).toBeGreaterThanOrEqual(1);
    expect(await contacts.read(ref)).toEqual({ email: 'tetap@example.id' });
  });
});

function unwrap(kek: Buffer, row: { key: Buffer; kek_id: string; wrap_iv: Buffer; wrap_tag: Buffer }, ref: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, row.wrap_iv);
  decipher.setAAD(Buffer.from(`${ref}:${row.kek_id}`, 'utf8'));
  decipher.setAuthTag(row.wrap_tag);
  return Buffer.concat([decipher.update(row.key), decipher.final()]);
}

function decrypt(key: Buffer, ref: string, record: { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer }): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, record.iv);
  decipher.setAAD(Buffer.from(ref, 'utf8'));
  decipher.setAuthTag(record.auth_tag);
  return JSON.parse(Buffer.concat([decipher.update(record.ciphertext), decipher.final()]).toString('utf8'));
}

/**
 * Every 32-byte window near each place the ref occurs (a key row or a record in a page, a WAL
 * record) tried as the record's AES key: what an attacker with the files would do.
 */
function anyWindowDecrypts(file: Buffer, ref: string, record: { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer }): boolean {
  const needles = [Buffer.from(ref.replace(/-/g, ''), 'hex')];
  for (const needle of needles) {
    for (let at = file.indexOf(needle); at >= 0; at = file.indexOf(needle, at + 1)) {
      const from = Math.max(0, at - 256);
      const to = Math.min(file.length - 32, at + 256);
      for (let i = from; i <= to; i++) {
        try {
          decrypt(file.subarray(i, i + 32), ref, record);
          return true;
        } catch {
          // not a key
        }
      }
    }
  }
  return false;
}
