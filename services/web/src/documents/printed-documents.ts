import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import { DocumentKind, DocumentModel, DocumentParams, SubjectStream } from './document-models';
import { migrateWebSchema } from '../web-schema';

/** What Kinerja recorded when it printed a document: enough to compose it again and compare. */
export interface PrintedDocument {
  code: string;
  kind: DocumentKind;
  params: DocumentParams;
  streams: SubjectStream[];
  /** The content as printed (what the verification page compares section by section). */
  content: DocumentModel;
  contentHash: string;
  /** SHA-256 of the PDF file handed out, to compare an uploaded file with. */
  pdfSha256: string | null;
  printedAt: Date;
  printedBy: string;
}

/** Crockford's base32 without I, L, O, U: nothing to misread when typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 symbols (60 bits) in three groups: ABCD-EFGH-JKMN. */
export function newShortCode(): string {
  let text = '';
  for (let i = 0; i < 12; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}

/** A code as typed: case, spaces, dashes and the letters read as digits forgiven; null when it cannot be one. */
export function normaliseShortCode(input: string): string | null {
  const text = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(text)) return null;
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}

/** The record of printed documents, in the web service's own schema (beside the sessions). */
export class PrintedDocuments {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".printed_document`;
  }

  /** Its table in the web service's schema (web-schema.ts). */
  async migrate(): Promise<void> {
    await migrateWebSchema(this.pool, this.schema, [
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         code text PRIMARY KEY,
         kind text NOT NULL,
         params jsonb NOT NULL,
         streams jsonb NOT NULL,
         content jsonb NOT NULL,
         content_hash text NOT NULL,
         pdf_sha256 text,
         printed_at timestamptz NOT NULL DEFAULT now(),
         printed_by text NOT NULL
       )`,
    ]);
  }

  async record(document: Omit<PrintedDocument, 'pdfSha256' | 'printedAt'> & { printedAt: Date }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (code, kind, params, streams, content, content_hash, printed_at, printed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [document.code, document.kind, document.params, JSON.stringify(document.streams), document.content, document.contentHash, document.printedAt, document.printedBy],
    );
  }

  async setPdfHash(code: string, sha256: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET pdf_sha256 = $2 WHERE code = $1`, [code, sha256]);
  }

  async find(code: string): Promise<PrintedDocument | null> {
    const { rows } = await this.pool.query(
      `SELECT code, kind, params, streams, content, content_hash, pdf_sha256, printed_at, printed_by FROM ${this.table} WHERE code = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      code: r.code,
      kind: r.kind,
      params: r.params,
      streams: r.streams,
      content: r.content,
      contentHash: r.content_hash,
      pdfSha256: r.pdf_sha256,
      printedAt: r.printed_at,
      printedBy: r.printed_by,
    };
  }
}
