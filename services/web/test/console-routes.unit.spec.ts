import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleOwns } from '../src/console/console-static';

/**
 * Every page of the console must be what the web service serves at its address, or a reload, a
 * bookmark or a link in an e-mail leaves the console (the citizens' `/layanan` pages once took
 * the console's "Capaian layanan" that way). The pages are read from App.tsx as written.
 */
describe("the console's pages and the web service's own addresses", () => {
  const app = readFileSync(join(__dirname, '../console/src/App.tsx'), 'utf8');
  const table = app.slice(app.indexOf('const PROTECTED'), app.indexOf('];', app.indexOf('const PROTECTED')));
  const pages = [...table.matchAll(/\['(\/[^']*)',/g)].map((m) => m[1]);

  it('reads the pages from App.tsx', () => {
    expect(pages).toContain('/');
    expect(pages).toContain('/capaian-layanan');
    expect(pages.length).toBeGreaterThan(20);
  });

  it.each(['/masuk', '/skp/x', '/tim/anggota/199001012015031001', '/capaian-layanan/unit?periode=2026-S1'])('%s is the console', (path) => {
    expect(consoleOwns(path)).toBe(true);
  });

  it("no page's address is one the service serves otherwise", () => {
    const taken = pages.map((page) => page.replace(/:[A-Za-z]+/g, 'x')).filter((path) => !consoleOwns(path));
    expect(taken).toEqual([]);
  });

  it.each(['/layanan', '/layanan/unit/P2P', '/api/work-planning/skps', '/dokumen/kurva/2026-S1/U1', '/verifikasi/ABCD-EFGH-JKMN', '/auth/callback', '/health'])(
    '%s is not the console',
    (path) => expect(consoleOwns(path)).toBe(false),
  );
});
