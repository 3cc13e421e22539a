import { Client } from 'pg';
import { ContactStore } from '../src/privacy/contact-store';
import { bootHarness, Harness, OFFICER, seedDirectory } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const CONTACT = { name: 'Sulastri Wijayakusuma', email: 'sulastri.wk@example.id', phone: '+62 813 5555 7777' };
const NEEDLES = [CONTACT.name, CONTACT.email, CONTACT.phone, '81355557777', 'Wijayakusuma'];

/** Every row of every table of every non-system schema, as text (bytea shows as hex). */
async function wholeDatabase(sql: Client): Promise<{ table: string; text: string }[]> {
  const { rows: tables } = await sql.query(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const out: { table: string; text: string }[] = [];
  for (const { table_schema, table_name } of tables) {
    const name = `"${table_schema}"."${table_name}"`;
    const { rows } = await sql.query(`SELECT t::text AS row FROM ${name} t`);
    for (const row of rows) out.push({ table: name, text: row.row as string });
  }
  return out;
}

/** Where a needle occurs: as text, as the hex of its UTF-8 bytes (bytea columns, message values). */
function occurrences(haystack: { table: string; text: string }[], needle: string | Buffer): string[] {
  const hex = (typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle).toString('hex');
  return haystack
    .filter(({ text }) => (typeof needle === 'string' && text.includes(needle)) || text.toLowerCase().includes(hex))
    .map(({ table }) => table);
}

describe('feedback-intake: privacy (contact details encrypted, crypto-shredded on request)', () => {
  let h: Harness;
  let contacts: ContactStore;
  let complaint: { complaintId: string; trackingCode: string };
  let feedback: { feedbackId: string; erasureCode: string };
  let refs: string[];
  let keys: Buffer[];

  beforeAll(async () => {
    h = await bootHarness('fi_privacy', { now: NOW });
    await seedDirectory(h);
    contacts = h.app.get(ContactStore);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('stores the contact details only encrypted, under a key of their own, and events carry only a reference', async () => {
    complaint = (
      await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category: 'PERILAKU_PETUGAS', channel: 'WEB_FORM', description: 'Petugas berkata kasar.', contact: CONTACT }).expect(201)
    ).body;
    feedback = (await h.citizen().post('/public/feedback').send({ unitId: 'PUSKESMAS-1', rating: 1, comment: 'Kecewa.', channel: 'WEB_FORM', contact: CONTACT }).expect(201)).body;
    expect(feedback.erasureCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const [received] = await h.store.readStream(`complaint-${complaint.complaintId}`);
    const [given] = await h.store.readStream(`citizen-feedback-${feedback.feedbackId}`);
    refs = [(received.data as { contactRef: string }).contactRef, (given.data as { contactRef: string }).contactRef];
    expect(refs.every((ref) => /^[0-9a-f-]{36}$/.test(ref))).toBe(true);
    for (const ref of refs) expect(await contacts.read(ref)).toEqual(CONTACT);

    keys = (await h.sql.query('SELECT key FROM feedback_intake_privacy.contact_key ORDER BY contact_ref')).rows.map((r) => r.key as Buffer);
    expect(keys).toHaveLength(2);
    // Never in plain text anywhere, even before erasure.
    const db = await wholeDatabase(h.sql);
    for (const needle of NEEDLES) expect(occurrences(db, needle)).toEqual([]);
    // The search does see text and bytes: the complaint's text and the keys themselves are found.
    expect(occurrences(db, 'Petugas berkata kasar.')).toContain('"feedback_intake_events"."events"');
    for (const key of keys) expect(occurrences(db, key)).toEqual(['"feedback_intake_privacy"."contact_key"']);
  });

  it('publishes FeedbackReceived.v1 and ComplaintReceived.v1 with no personal data and no contact reference', async () => {
    const deadline = Date.now() + 30_000;
    let messages: { headers: Record<string, string>; value: Buffer }[] = [];
    while (Date.now() < deadline && messages.length < 2) {
      messages = (
        await h.sql.query(`SELECT headers, value FROM kinerja_log.messages WHERE topic = 'kinerja.feedback-intake.v1'`).catch(() => ({ rows: [] }))
      ).rows;
      if (messages.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(messages.map((m) => m.headers.ce_type).sort()).toEqual(['ComplaintReceived.v1', 'FeedbackReceived.v1']);
    const feedbackMessage = messages.find((m) => m.headers.ce_type === 'FeedbackReceived.v1')!;
    const data = JSON.parse(feedbackMessage.value.toString('utf8'));
    expect(data).toEqual({ feedbackId: feedback.feedbackId, agencyId: 'DINKES', unitId: 'PUSKESMAS-1', rating: 1, channel: 'WEB_FORM', hasComment: true, receivedAt: NOW });
    // The complaint's deadline travels for the notifier; nothing of who complained or what they wrote.
    const complaintData = JSON.parse(messages.find((m) => m.headers.ce_type === 'ComplaintReceived.v1')!.value.toString('utf8'));
    expect(Object.keys(complaintData).sort()).toEqual(['agencyId', 'category', 'complaintId', 'dueAt', 'receivedAt', 'unitId']);
    for (const message of messages) for (const ref of refs) expect(message.value.toString('utf8')).not.toContain(ref);
  });

  it('erases on request with the tracking code or the erasure code: the key is deleted, the data can no longer be read', async () => {
    await h.citizen().post('/public/erase-my-data').send({ code: 'AAAA-BBBB-CCCC' }).expect(404);
    const erased = await h.citizen().post('/public/erase-my-data').send({ code: complaint.trackingCode }).expect(200);
    expect(erased.body).toEqual({ erased: true, message: expect.stringContaining('telah dihapus') });
    await h.citizen().post('/public/erase-my-data').send({ code: feedback.erasureCode.toLowerCase() }).expect(200);
    // Asking again changes nothing.
    await h.citizen().post('/public/erase-my-data').send({ code: complaint.trackingCode }).expect(200);

    for (const ref of refs) expect(await contacts.read(ref)).toBeNull();
    expect(Number((await h.sql.query('SELECT count(*) FROM feedback_intake_privacy.contact_key')).rows[0].count)).toBe(0);
    const types = (await h.store.readStream(`complaint-${complaint.complaintId}`)).map((e) => e.type);
    expect(types).toEqual(['ComplaintReceived', 'ComplaintContactErased']);
    expect((await h.store.readStream(`citizen-feedback-${feedback.feedbackId}`)).map((e) => e.type)).toEqual(['CitizenFeedbackReceived', 'CitizenFeedbackContactErased']);
  });

  it('leaves the events intact: every hash chain still verifies', async () => {
    const verified = await h.store.verifyChains();
    expect(verified).toMatchObject({ ok: true, breaks: [] });
    expect(verified.events).toBeGreaterThanOrEqual(4);
  });

  it('finds no trace of the contact details or their keys in any table, the topic or the logs', async () => {
    const db = await wholeDatabase(h.sql);
    expect(db.some(({ table }) => table === '"kinerja_log"."messages"')).toBe(true);
    expect(db.some(({ table }) => table === '"feedback_intake_events"."events"')).toBe(true);
    for (const needle of NEEDLES) expect({ needle, tables: occurrences(db, needle) }).toEqual({ needle, tables: [] });
    for (const key of keys) expect(occurrences(db, key)).toEqual([]);
    expect(h.logs.length).toBeGreaterThan(10);
    const logText = h.logs.join('');
    for (const needle of NEEDLES) expect(logText).not.toContain(needle);
  });

  it('keeps the complaint itself: the unit goes on handling it, the complainant goes on following it', async () => {
    const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
    await officer.post(`/complaints/${complaint.complaintId}/triage`).send({ assignee: { kind: 'UNIT', unitId: 'PUSKESMAS-1' } }).expect(200);
    const followed = await h.citizen().get(`/public/complaints/${complaint.trackingCode}`).expect(200);
    expect(followed.body).toMatchObject({ status: 'TRIAGED', contactErased: true });
  });
});
