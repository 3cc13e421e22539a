import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { KeyRing } from './key-ring';

/** What a citizen may leave so that the unit can reach them. Never in an event, a log or a read model. */
export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
}

export type ContactSubject = { kind: 'COMPLAINT' | 'CITIZEN_FEEDBACK'; id: string };

const ALGORITHM = 'aes-256-gcm';

/**
 * Contact details encrypted with AES-256-GCM under a data key of their own (DEK). The DEK is kept in
 * its own table (`contact_key`) only wrapped (AES-256-GCM) by a key-encryption key (KEK) that lives
 * outside PostgreSQL (KeyRing, PRIVACY_KEY_DIR). Events carry only the `contactRef`.
 *
 * Erasure deletes the wrapped DEK. PostgreSQL keeps the deleted row in dead tuples, the WAL and any
 * backup for a while, so that alone is not enough (issue 15 finding 4): `rotate()` wraps every live
 * DEK under a new KEK and then destroys the old KEK, after which no copy of an erased DEK anywhere
 * in the database's files can be unwrapped. Rotation runs every PRIVACY_KEK_ROTATION_HOURS: that
 * is the documented bound between an erasure and its data being unreadable from disk. The ref (and
 * the KEK id for a wrapped key) is the authenticated data, so nothing can be moved under another ref.
 */
export class ContactStore {
  private readonly record: string;
  private readonly key: string;

  private readonly lockName: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly ring: KeyRing,
  ) {
    this.record = `"${schema}".contact_record`;
    this.key = `"${schema}".contact_key`;
    this.lockName = `kinerja-contact-kek:${schema}`;
  }

  newRef(): string {
    return randomUUID();
  }

  /** `codeHash`: the hash of the code the citizen uses to erase it (the tracking code of a complaint). */
  async save(ref: string, contact: ContactDetails, subject: ContactSubject, codeHash: string | null): Promise<void> {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(ref, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${this.record} (contact_ref, subject_kind, subject_id, code_hash, iv, ciphertext, auth_tag) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        ref,
        subject.kind,
        subject.id,
        codeHash,
        iv,
        ciphertext,
        tag,
      ]);
      // Shared with other saves, exclusive with a rotation: a key is never wrapped by a KEK being retired.
      await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [this.lockName]);
      await this.ring.ensureCurrent();
      const kek = this.ring.current();
      const wrapped = wrap(kek.key, key, ref, kek.id);
      await manager.query(`INSERT INTO ${this.key} (contact_ref, key, kek_id, wrap_iv, wrap_tag) VALUES ($1, $2, $3, $4, $5)`, [ref, wrapped.ciphertext, kek.id, wrapped.iv, wrapped.tag]);
    });
    key.fill(0);
  }

  /** The details, or null once erased (the key is gone) or never stored. */
  async read(ref: string): Promise<ContactDetails | null> {
    const rows: (KeyRow & { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer })[] = await this.dataSource.query(
      `SELECT r.iv, r.ciphertext, r.auth_tag, k.key, k.kek_id, k.wrap_iv, k.wrap_tag FROM ${this.record} r LEFT JOIN ${this.key} k USING (contact_ref) WHERE r.contact_ref = $1`,
      [ref],
    );
    const row = rows[0];
    if (!row || !row.key) return null;
    const key = await this.dataKeyOf(ref, row);
    if (key === null) return null;
    return decryptContact(key, ref, row);
  }

  /** The DEK of a key row: unwrapped by its KEK; a row from before wrapping (no KEK) holds it as is. */
  private async dataKeyOf(ref: string, row: KeyRow): Promise<Buffer | null> {
    if (row.kek_id === null) return row.key;
    const kek = await this.ring.get(row.kek_id);
    if (kek === null) return null;
    return unwrap(kek, row, ref);
  }

  /**
   * A new KEK; every live DEK wrapped under it (a DEK from before wrapping is replaced by a new one
   * and its record re-encrypted); then every older KEK destroyed. Exclusive with saves and other
   * rotations (one advisory lock), so it is safe with several instances sharing the key directory.
   */
  async rotate(): Promise<{ kekId: string; rewrapped: number; destroyed: number }> {
    const retired = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [this.lockName]);
      await this.ring.reload();
      const old = this.ring.ids();
      const kekId = await this.ring.create();
      const kek = this.ring.current().key;
      const rows: (KeyRow & { contact_ref: string })[] = await manager.query(`SELECT contact_ref, key, kek_id, wrap_iv, wrap_tag FROM ${this.key}`);
      for (const row of rows) {
        let dek = await this.dataKeyOf(row.contact_ref, row);
        if (dek === null) continue;
        if (row.kek_id === null) dek = await this.reEncrypt(manager, row.contact_ref, dek);
        const wrapped = wrap(kek, dek, row.contact_ref, kekId);
        await manager.query(`UPDATE ${this.key} SET key = $2, kek_id = $3, wrap_iv = $4, wrap_tag = $5 WHERE contact_ref = $1`, [row.contact_ref, wrapped.ciphertext, kekId, wrapped.iv, wrapped.tag]);
      }
      return { kekId, old, rewrapped: rows.length };
    });
    // Only once the new wrapping is committed: a crash before leaves the old KEKs, nothing is lost.
    for (const id of retired.old) await this.ring.destroy(id);
    return { kekId: retired.kekId, rewrapped: retired.rewrapped, destroyed: retired.old.length };
  }

  /** A record from before wrapping gets a new DEK: its old plain key may still be in old WAL. */
  private async reEncrypt(manager: EntityManager, ref: string, legacy: Buffer): Promise<Buffer> {
    const rows: { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer }[] = await manager.query(`SELECT iv, ciphertext, auth_tag FROM ${this.record} WHERE contact_ref = $1`, [ref]);
    const key = randomBytes(32);
    if (!rows[0]) return key;
    const contact = decryptContact(legacy, ref, rows[0]);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(ref, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
    await manager.query(`UPDATE ${this.record} SET iv = $2, ciphertext = $3, auth_tag = $4 WHERE contact_ref = $1`, [ref, iv, ciphertext, cipher.getAuthTag()]);
    return key;
  }

  async subjectOfCode(codeHash: string): Promise<(ContactSubject & { ref: string }) | null> {
    const rows: { contact_ref: string; subject_kind: ContactSubject['kind']; subject_id: string }[] = await this.dataSource.query(
      `SELECT contact_ref, subject_kind, subject_id FROM ${this.record} WHERE code_hash = $1`,
      [codeHash],
    );
    return rows[0] ? { ref: rows[0].contact_ref, kind: rows[0].subject_kind, id: rows[0].subject_id } : null;
  }

  /** Crypto-shredding: the key goes, so the record can never be decrypted again. Idempotent. */
  async shred(ref: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.key} WHERE contact_ref = $1`, [ref]);
  }

  /** Undoes a `save` whose command was then refused, so a refusal stores nothing. */
  async discard(ref: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM ${this.key} WHERE contact_ref = $1`, [ref]);
      await manager.query(`DELETE FROM ${this.record} WHERE contact_ref = $1`, [ref]);
    });
  }
}

interface KeyRow {
  key: Buffer;
  kek_id: string | null;
  wrap_iv: Buffer | null;
  wrap_tag: Buffer | null;
}

const wrapAad = (ref: string, kekId: string) => Buffer.from(`${ref}:${kekId}`, 'utf8');

function wrap(kek: Buffer, dek: Buffer, ref: string, kekId: string): { ciphertext: Buffer; iv: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, kek, iv);
  cipher.setAAD(wrapAad(ref, kekId));
  const ciphertext = Buffer.concat([cipher.update(dek), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

function unwrap(kek: Buffer, row: KeyRow, ref: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, kek, row.wrap_iv!);
  decipher.setAAD(wrapAad(ref, row.kek_id!));
  decipher.setAuthTag(row.wrap_tag!);
  return Buffer.concat([decipher.update(row.key), decipher.final()]);
}

function decryptContact(key: Buffer, ref: string, row: { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer }): ContactDetails {
  const decipher = createDecipheriv(ALGORITHM, key, row.iv);
  decipher.setAAD(Buffer.from(ref, 'utf8'));
  decipher.setAuthTag(row.auth_tag);
  return JSON.parse(Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8')) as ContactDetails;
}
