import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  JWK,
  JWTVerifyGetKey,
  KeyLike,
  SignJWT,
} from 'jose';
import { ensurePrivateDirectory } from '../files/private-directory';
import { Role } from './actor';

export const LOCAL_ISSUER = 'kinerja-local';
export const LOCAL_AUDIENCE = 'kinerja';
const ALG = 'ES256';
const PRIVATE_FILE = 'private.jwk.json';
const PUBLIC_FILE = 'public.jwk.json';

export interface IssueTokenInput {
  /** NIP or user id. */
  sub: string;
  role: Role;
  agencyId?: string;
  /** Lifetime in seconds (negative gives an already expired token), or a jose duration like '8h'. Default 8h. */
  expiresIn?: number | string;
  /** Override the audience (tests of a wrong audience). */
  audience?: string;
  /** Override the issuer (tests standing in for an OIDC provider). */
  issuer?: string;
}

/**
 * The issuer of the embedded default and of tests: an ES256 key pair kept in `keyDir`, created on
 * first start. Several processes may start at once; the first to link its key file wins and the
 * others read the winner's key.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: KeyLike | Uint8Array,
    readonly publicJwk: JWK,
    readonly keyDir: string,
  ) {}

  static async open(keyDir: string): Promise<LocalIssuer> {
    await ensurePrivateDirectory(keyDir);
    const privatePath = join(keyDir, PRIVATE_FILE);
    let privateJwk = await readJwk(privatePath);
    if (!privateJwk) {
      await createKeyFile(privatePath);
      privateJwk = await readJwk(privatePath);
      if (!privateJwk) throw new Error(`Could not create the local issuer key in ${keyDir}`);
    }
    const { d: _d, ...publicJwk } = privateJwk;
    await writeAtomically(join(keyDir, PUBLIC_FILE), JSON.stringify(publicJwk, null, 2) + '\n', 0o644);
    return new LocalIssuer(await importJWK(privateJwk, ALG), publicJwk, keyDir);
  }

  /** The public key as a JWKS, for verification. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  keySet(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks());
  }

  async issueToken(input: IssueTokenInput): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { role: input.role };
    if (input.agencyId !== undefined) claims.agency_id = input.agencyId;
    const expiresIn = input.expiresIn ?? '8h';
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(input.sub)
      .setIssuer(input.issuer ?? LOCAL_ISSUER)
      .setAudience(input.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt(typeof expiresIn === 'number' && expiresIn < 0 ? now + expiresIn - 60 : now)
      .setExpirationTime(typeof expiresIn === 'number' ? now + expiresIn : expiresIn)
      .sign(this.privateKey);
  }
}

async function readJwk(path: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function createKeyFile(path: string): Promise<void> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.alg = ALG;
  jwk.use = 'sig';
  jwk.kid = await calculateJwkThumbprint(jwk);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the target exists, so exactly one complete file wins.
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
}

async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode, flag: 'wx' });
  await rename(temp, path);
}
