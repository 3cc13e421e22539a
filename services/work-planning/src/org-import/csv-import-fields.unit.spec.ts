import { CommandActor, fold } from '@kinerja/domain';
import { organisationDecider } from '../organisation/organisation.decider';
import { ImportInput, planImport } from './csv-import.rules';
import { generateAgency, toCsv } from '../../test/support/demo-agency';

const NOW = new Date('2024-01-15T02:00:00.000Z');
const ADMIN: CommandActor = { id: 'admin-dinkes', role: 'ADMIN_OPD', agencyId: 'DINKES' };
const agency = generateAgency();

const input = (csv: string): ImportInput => ({
  agencyId: 'DINKES',
  csv,
  asOf: '2024-01-15',
  organisation: fold(organisationDecider, agency.units),
  employees: new Map(),
  definitiveElsewhere: new Map(),
  metadata: { now: NOW, actor: ADMIN },
});

const errorsOf = (csv: string) => {
  const result = planImport(input(csv));
  return result.ok ? [] : result.errors.map((e) => ({ line: e.line, code: e.code, column: e.column }));
};

/** Issue 15 finding 9: the CSV import validates every field as the JSON API does. */
describe('organisation import: every field as strict as the JSON API', () => {
  const rows = agency.rows.slice(0, 3).map((r) => ({ ...r }));

  it('refuses a NAMA over the JSON API cap (200), naming the row and column', () => {
    const long = [{ ...rows[0] }, rows[1], rows[2]];
    long[0].name = 'A'.repeat(300_000);
    expect(errorsOf(toCsv(long))).toContainEqual({ line: 2, code: 'NAME_TOO_LONG', column: 'NAMA' });
    long[0].name = 'A'.repeat(200);
    expect(errorsOf(toCsv(long))).toEqual([]);
  });

  it('refuses a JABATAN over the cap of a position name (300)', () => {
    const long = [rows[0], { ...rows[1] }, rows[2]];
    long[1].jabatan = 'Kepala '.repeat(60);
    expect(errorsOf(toCsv(long))).toContainEqual({ line: 3, code: 'POSITION_NAME_TOO_LONG', column: 'JABATAN' });
  });

  it('refuses bytes that are not UTF-8 (decoded as U+FFFD) with the row, instead of storing U+FFFD', () => {
    const bytes = Buffer.from(toCsv(rows), 'utf8');
    const at = bytes.indexOf(Buffer.from(rows[2].name, 'utf8'));
    bytes[at + 1] = 0xff;
    expect(errorsOf(bytes.toString('utf8'))).toContainEqual({ line: 4, code: 'INVALID_UTF8', column: 'NAMA' });
  });
});
