import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Role } from '@kinerja/platform';
import { migrateWebSchema } from '../web-schema';

/** A role the person may act in; `agencyId` for roles held in one agency (ADMIN_OPD, PPK). */
export interface Grant {
  role: Role;
  agencyId?: string;
}

export interface SessionData {
  /** Synchronizer token: unsafe requests carry it in `x-csrf-token`. */
  csrf: string;
  user?: { nip: string; name: string; agencyId?: string };
  grants?: Grant[];
  active?: Grant;
  /** Never sent to the browser. */
  tokens?: { access: string; refresh?: string; idToken?: string; expiresAt: number };
  /** Between the redirect to the identity provider and its callback. */
  login?: { codeVerifier: string; state: string; nonce: string; returnTo: string };
}

export interface Session {
  id: string;
  data: SessionData;
  createdAt: Date;
}

export interface SessionStoreOptions {
  connectionString: string;
  schema: string;
  idleMinutes: number;
  maxHours: number;
  poolSize?: number;
}

/** The cookie holds a random id; the table keeps only its SHA-256, so a copy of the table opens no session. */
const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');

/** Server-side sessions in the web service's own PostgreSQL schema. */
export class SessionStore {
  private readonly pool: Pool;
  private readonly table: string;

  constructor(private readonly options: SessionStoreOptions) {
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4, application_name: 'kinerja-web-sessions' });
    this.table = `"${options.schema}".session`;
  }

  /** Its table in the web service's schema (web-schema.ts). */
  async migrate(): Promise<void> {
    await migrateWebSchema(this.pool, this.options.schema, [
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         id_hash text PRIMARY KEY,
         data jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         seen_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL
       )`,
      `CREATE INDEX IF NOT EXISTS session_expires_idx ON ${this.table} (expires_at)`,
    ]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async create(data: SessionData): Promise<Session> {
    const id = randomBytes(32).toString('base64url');
    const { rows } = await this.pool.query(
      `INSERT INTO ${this.table} (id_hash, data, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING created_at`,
      [hashOf(id), data, this.options.idleMinutes],
    );
    return { id, data, createdAt: rows[0].created_at };
  }

  /** The session if it exists and has not expired (idle or absolute); its idle deadline moves on. */
  async find(id: string): Promise<Session | undefined> {
    const { rows } = await this.pool.query(
      `UPDATE ${this.table}
          SET seen_at = now(), expires_at = LEAST(now() + make_interval(mins => $2), created_at + make_interval(hours => $3))
        WHERE id_hash = $1 AND expires_at > now()
        RETURNING data, created_at`,
      [hashOf(id), this.options.idleMinutes, this.options.maxHours],
    );
    return rows[0] ? { id, data: rows[0].data, createdAt: rows[0].created_at } : undefined;
  }

  async save(session: Session): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET data = $2 WHERE id_hash = $1`, [hashOf(session.id), session.data]);
  }

  async destroy(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE id_hash = $1`, [hashOf(id)]);
  }

  /** A new id for the same data (after sign-in, so an id planted before it is worth nothing). */
  async rotate(session: Session, data: SessionData): Promise<Session> {
    await this.destroy(session.id);
    return this.create(data);
  }

  async removeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE expires_at <= now()`);
    return rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export const newCsrfToken = () => randomBytes(24).toString('base64url');
