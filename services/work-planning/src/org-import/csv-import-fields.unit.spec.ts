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

/** Issue 16: an optional EMAIL column records the work e-mail the notifier sends to. */
describe('organisation import: the optional EMAIL column', () => {
  const rows = agency.rows.slice(0, 3).map((r) => ({ ...r }));
  const withEmail = (emails: string[]) => {
    const [header, ...lines] = toCsv(rows).trimEnd().split(/\r?\n/);
    return [`${header},EMAIL`, ...lines.map((line, i) => `${line},${emails[i] ?? ''}`)].join('\n') + '\n';
  };

  it('registers the e-mail given (lower-cased), leaves it out where the cell is empty, and refuses one that is no address', () => {
    const result = planImport(input(withEmail(['Budi.Santoso@Dinkes.example.go.id', '', 'siti@dinkes.example.go.id'])));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.employees.map((e) => e.email)).toEqual(['budi.santoso@dinkes.example.go.id', undefined, 'siti@dinkes.example.go.id']);
    expect(errorsOf(withEmail(['bukan-email', '', '']))).toEqual([{ line: 2, code: 'EMAIL_INVALID', column: 'EMAIL' }]);
  });

  it('reports a changed e-mail in the diff of a re-import, and nothing when it is the same', () => {
    const known = new Map(
      rows.map((r) => [r.nip, { agencyId: 'DINKES', name: r.name, status: r.status, golongan: r.golongan, pangkat: null, tmtGolongan: r.tmtGolongan, email: 'lama@dinkes.example.go.id' }] as const),
    );
    const plan = (csv: string) => planImport({ ...input(csv), employees: known as never });
    const changed = plan(withEmail(['baru@dinkes.example.go.id', 'lama@dinkes.example.go.id', '']));
    if (!changed.ok) throw new Error(JSON.stringify(changed.errors));
    const emailChanges = changed.diff.filter((d) => d.change === 'EMPLOYEE_UPDATED' && d.detail.includes('EMAIL'));
    expect(emailChanges).toEqual([expect.objectContaining({ nip: rows[0].nip, detail: expect.stringContaining('EMAIL: lama@dinkes.example.go.id → baru@dinkes.example.go.id') })]);
  });
});
