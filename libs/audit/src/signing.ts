import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import canonicalize from 'canonicalize';

export interface CityKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicKeyPem: string;
}

/** The city's Ed25519 key from a PKCS#8 PEM file; with `create`, a new key is written (0600) when the file is missing. */
export function loadCityKey(path: string, create: boolean): CityKey {
  if (!existsSync(path)) {
    if (!create) throw new Error(`No key at ${path}`);
    const { privateKey } = generateKeyPairSync('ed25519');
    // Parents keep the usual permissions (embedded PostgreSQL, run as another user, passes through
    // .data); only the key's own folder is private.
    mkdirSync(dirname(dirname(path)), { recursive: true });
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(path));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** What is signed: RFC 8785 canonical JSON of the document without its `signature`. */
export function signedText(document: Record<string, unknown>): Buffer {
  const rest = { ...document };
  delete rest.signature;
  const text = canonicalize(rest);
  if (text === undefined) throw new Error('The document is not JSON');
  return Buffer.from(text, 'utf8');
}

/** The document with `signature` (base64 Ed25519 over `signedText`). */
export function signDocument<T extends Record<string, unknown>>(document: T, key: CityKey): T & { signature: string } {
  const signature = sign(null, signedText(document), key.privateKey).toString('base64');
  return { ...document, signature };
}

export function verifyDocument(document: Record<string, unknown>, publicKey: KeyObject): boolean {
  const signature = document.signature;
  if (typeof signature !== 'string') return false;
  return verify(null, signedText(document), publicKey, Buffer.from(signature, 'base64'));
}
