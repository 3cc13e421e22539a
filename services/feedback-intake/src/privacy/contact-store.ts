import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** What a citizen may leave so that the unit can reach them. Never in an event, a log or a read model. */
export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
}

export type ContactSubject = { kind: 'COMPLAINT' | 'CITIZEN_FEEDBACK'; id: string };

const ALGORITHM = 'aes-256-gcm';

/**
 * Contact details encrypted with AES-256-GCM under a key of their own, kept in a separate table
 * (`contact_key`). Events carry only the `contactRef`. Deleting the key row is the erasure
 * (crypto-shredding): the ciphertext left behind, in the table or in a backup, cannot be read,
 * and the events and their hash chain are untouched. The ref is the authenticated data, so a
 * ciphertext cannot be moved under another ref.
 */
export class ContactStore {
  private readonly record: string;
  private readonly key: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.record = `"${schema}".contact_record`;
    this.key = `"${schema}".contact_key`;
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
      await manager.query(`INSERT INTO ${this.key} (contact_ref, key) VALUES ($1, $2)`, [ref, key]);
    });
    key.fill(0);
  }

  /** The details, or null once erased (the key is gone) or never stored. */
  async read(ref: string): Promise<ContactDetails | null> {
    const rows: { iv: Buffer; ciphertext: Buffer; auth_tag: Buffer; key: Buffer | null }[] = await this.dataSource.query(
      `SELECT r.iv, r.ciphertext, r.auth_tag, k.key FROM ${this.record} r LEFT JOIN ${this.key} k USING (contact_ref) WHERE r.contact_ref = $1`,
      [ref],
    );
    const row = rows[0];
    if (!row || !row.key) return null;
    const decipher = createDecipheriv(ALGORITHM, row.key, row.iv);
    decipher.setAAD(Buffer.from(ref, 'utf8'));
    decipher.setAuthTag(row.auth_tag);
    return JSON.parse(Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8')) as ContactDetails;
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
