import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@kinerja/contracts';
import { toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { waitUntil } from '@kinerja/testing';

/** work-planning's EmployeeRegistered.v1, as its relay publishes it. */
export function employeeRegistered(nip: string, name: string, agencyId: string) {
  const id = randomUUID();
  const data = { nip, name, status: 'PNS', agencyId };
  return toOutgoingMessage({ id, type: 'EmployeeRegistered.v1', data, key: nip, source: '/kinerja/work-planning', time: '2024-01-02T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
}

/**
 * Registers employees in career-decisions' directory the way production does (through the topic)
 * and waits until the consumer stored them: the service acts only on employees it knows.
 */
export async function registerEmployees(transport: Transport, sql: Client, employees: { nip: string; name?: string; agencyId: string }[], topic: string = TOPICS.workPlanning): Promise<void> {
  await transport.ensureTopic(topic, 6);
  await transport.produce(topic, employees.map((e) => employeeRegistered(e.nip, e.name ?? `Pegawai ${e.nip.slice(-4)}`, e.agencyId)));
  const nips = employees.map((e) => e.nip);
  await waitUntil(
    async () => (await sql.query(`SELECT count(*)::int AS n FROM career_decisions.employee_directory WHERE nip = ANY($1)`, [nips])).rows[0].n as number,
    (n) => n === nips.length,
    { what: 'employees registered in the directory' },
  );
}
