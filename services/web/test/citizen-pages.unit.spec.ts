import type { IncomingMessage, ServerResponse } from 'node:http';
import { FORM_COOKIE, FormProtection } from '../src/public/form-protection';
import { html } from '../src/public/html';
import { OfficerLinks } from '../src/public/officer-link';

const secret = Buffer.alloc(32, 7);

describe("an officer's opaque id", () => {
  const links = new OfficerLinks(secret);
  const nip = '199204102018012001';

  it('is stable, does not show the NIP, and turns back into it only for its unit', () => {
    const id = links.idOf(nip, 'P2P');
    expect(links.idOf(nip, 'P2P')).toBe(id);
    expect(id).not.toContain(nip);
    expect(links.nipOf(id, 'P2P')).toBe(nip);
    expect(links.nipOf(id, 'DINKES')).toBeNull();
    expect(links.idOf(nip, 'DINKES')).not.toBe(id);
  });

  it('refuses an altered id and one made with another secret', () => {
    const id = links.idOf(nip, 'P2P');
    const altered = `${id.slice(0, 20)}${id[20] === 'A' ? 'B' : 'A'}${id.slice(21)}`;
    expect(links.nipOf(altered, 'P2P')).toBeNull();
    expect(new OfficerLinks(Buffer.alloc(32, 8)).nipOf(id, 'P2P')).toBeNull();
    expect(links.nipOf('A'.repeat(60), 'P2P')).toBeNull();
    expect(links.nipOf('<script>', 'P2P')).toBeNull();
  });
});

describe("the citizens' form token (signed double submit)", () => {
  const forms = new FormProtection(secret, 'https://kinerja.example.go.id');
  const cookie = 'a'.repeat(43);
  const request = (headers: Record<string, string>) => ({ headers, socket: {} }) as unknown as IncomingMessage;
  const token = forms.tokenFor(request({ cookie: `${FORM_COOKIE}=${cookie}` }), { appendHeader: () => undefined } as unknown as ServerResponse);

  it('accepts the token signed for the cookie, from this origin', () => {
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${cookie}` }), token)).toBe(true);
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${cookie}`, origin: 'https://kinerja.example.go.id' }), token)).toBe(true);
  });

  it('refuses another origin, a cross-site fetch, a missing cookie or another cookie', () => {
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${cookie}`, origin: 'https://penipu.example' }), token)).toBe(false);
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${cookie}`, 'sec-fetch-site': 'cross-site' }), token)).toBe(false);
    expect(forms.accepts(request({}), token)).toBe(false);
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${'b'.repeat(43)}` }), token)).toBe(false);
    expect(forms.accepts(request({ cookie: `${FORM_COOKIE}=${cookie}` }), undefined)).toBe(false);
  });

  it('sets a cookie scoped to the citizens\' pages on the first visit', () => {
    const set: string[] = [];
    forms.tokenFor(request({}), { appendHeader: (_name: string, value: string) => set.push(value) } as unknown as ServerResponse);
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(new RegExp(`^${FORM_COOKIE}=[A-Za-z0-9_-]{43}; Path=/layanan; HttpOnly; SameSite=Lax; Secure$`));
  });
});

describe('the HTML templates', () => {
  it('escape what they are given, and nest', () => {
    const inner = html`<b>${'<i>"x"</i>'}</b>`;
    expect(html`<p>${inner}${['&', 1]}${null}${false}</p>`.text).toBe('<p><b>&lt;i&gt;&quot;x&quot;&lt;/i&gt;</b>&amp;1</p>');
  });
});
