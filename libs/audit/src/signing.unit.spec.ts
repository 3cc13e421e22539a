import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCityKey, signDocument, verifyDocument } from './signing';

describe('city key and signed documents', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kinerja-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key once (0600) and reads the same key afterwards', () => {
    const path = join(dir, 'audit', 'city.pem');
    expect(() => loadCityKey(path, false)).toThrow(/No key/);
    const first = loadCityKey(path, true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(loadCityKey(path, false).publicKeyPem).toBe(first.publicKeyPem);
  });

  it('verifies a signed document whatever its key order, and rejects any change or another key', () => {
    const key = loadCityKey(join(dir, 'a.pem'), true);
    const other = loadCityKey(join(dir, 'b.pem'), true);
    const signed = signDocument({ b: 1, a: { y: [1, 2], x: 'é' } }, key);
    expect(verifyDocument(signed, key.publicKey)).toBe(true);
    expect(verifyDocument({ signature: signed.signature, a: { x: 'é', y: [1, 2] }, b: 1 }, key.publicKey)).toBe(true);
    expect(verifyDocument({ ...signed, b: 2 }, key.publicKey)).toBe(false);
    expect(verifyDocument(signed, other.publicKey)).toBe(false);
    expect(verifyDocument({ b: 1, a: { y: [1, 2], x: 'é' } }, key.publicKey)).toBe(false);
  });
});
