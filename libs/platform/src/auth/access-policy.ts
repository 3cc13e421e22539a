import { DomainError, forbidden } from '@kinerja/domain';
import { Actor, Role } from './actor';

/**
 * How the actor stands to the subject of a request, from the organisation as of the date
 * (docs/design.md §7): the subject themself, their pejabat penilai, the atasan of that pejabat
 * penilai, the employee a complaint names, someone in that employee's reporting line below the
 * unit head (who may not handle the complaint either), an officer of the unit a case is assigned to,
 * the head of the unit a request is about, the mentor or the mentee of a mentoring relation.
 */
export type Relation = 'SELF' | 'PEJABAT_PENILAI' | 'ATASAN' | 'COMPLAINT_SUBJECT' | 'SUBJECT_REPORTING_LINE' | 'UNIT_OFFICER' | 'UNIT_HEAD' | 'MENTORING_PARTY';

export type AccessAction = 'read' | 'write';

/**
 * The subject of a request, as the service's own read models know it: `agencyId` is the agency
 * the subject belongs to on the date, `null` when the service does not know the subject (an
 * unknown NIP). Never the agency of the URL alone.
 */
export interface AccessSubject {
  nip?: string;
  agencyId: string | null;
  relations?: Iterable<Relation>;
}

/**
 * One permission, declared once per service (in its `policy.ts`) and used by every controller:
 * who may do `action` on a subject.
 */
export interface AccessRule {
  action: AccessAction;
  /** Roles allowed on every agency's subjects (BKPSDM, auditors for reads). */
  cityWide?: readonly Role[];
  /** Roles allowed on subjects of the agency their token names; a PPK without an agency is city-wide. */
  agencyWide?: readonly Role[];
  /** Relations that allow, whatever the role (the employee themself, their pejabat penilai ...). */
  relations?: readonly Relation[];
  /** Relations that forbid even when a role or another relation would allow (nobody handles their own case). */
  excludes?: readonly Relation[];
  /** The stable code and message when refused. */
  denied?: { code: Uppercase<string>; message: string };
}

export type AccessDecision = { allowed: true } | { allowed: false; error: DomainError };

const NOT_ALLOWED = { code: 'NOT_ALLOWED', message: 'Anda tidak berwenang melakukan tindakan ini' } as const;

/** AUDITOR reads and never writes (docs/design.md §7). */
export const READ_ONLY_ROLES: readonly Role[] = ['AUDITOR'];

/**
 * Pure: the decision for one request. Order: a read-only role never writes; an excluding relation
 * (the subject of a complaint, their reporting line) refuses; an allowing relation allows; a
 * write about an employee the service does not know is refused (403); a city-wide role allows;
 * an agency-wide role allows only when the *subject's* agency is the actor's; an unknown subject
 * is refused to it (403), since no agency can be established for it.
 */
export function decideAccess(actor: Actor, subject: AccessSubject | null, rule: AccessRule): AccessDecision {
  const deny = (code: Uppercase<string>, message: string): AccessDecision => ({ allowed: false, error: forbidden(code, message) });
  if (rule.action === 'write' && READ_ONLY_ROLES.includes(actor.role)) {
    return deny('READ_ONLY_ROLE', 'Peran auditor hanya dapat membaca');
  }
  const relations = new Set<Relation>(subject?.relations ?? []);
  if (subject?.nip !== undefined && subject.nip === actor.id) relations.add('SELF');
  const excluded = (rule.excludes ?? []).find((relation) => relations.has(relation));
  if (excluded !== undefined) {
    return deny('CONFLICT_OF_INTEREST', 'Anda tidak dapat melihat atau menangani perkara yang menyangkut diri Anda atau atasan langsung Anda');
  }
  if ((rule.relations ?? []).some((relation) => relations.has(relation))) return { allowed: true };
  // Nothing is written about an employee the city does not know, whoever asks.
  if (rule.action === 'write' && subject?.nip !== undefined && subject.agencyId === null) {
    return deny('SUBJECT_UNKNOWN', 'Pegawai yang dimaksud tidak dikenal oleh layanan ini');
  }
  if ((rule.cityWide ?? []).includes(actor.role)) return { allowed: true };
  if ((rule.agencyWide ?? []).includes(actor.role)) {
    if (actor.role === 'PPK' && actor.agencyId === undefined) return { allowed: true };
    if (subject !== null && subject.agencyId === null) {
      return deny('SUBJECT_UNKNOWN', 'Pegawai atau data yang dimaksud tidak dikenal oleh layanan ini');
    }
    if (actor.agencyId !== undefined && subject !== null && subject.agencyId === actor.agencyId) return { allowed: true };
    return deny('OUTSIDE_AGENCY', 'Anda hanya berwenang atas pegawai dan data instansi Anda sendiri');
  }
  const denied = rule.denied ?? NOT_ALLOWED;
  return deny(denied.code, denied.message);
}

/** `decideAccess`, throwing the refusal (403) as a DomainError. */
export function assertAccess(actor: Actor, subject: AccessSubject | null, rule: AccessRule): void {
  const decision = decideAccess(actor, subject, rule);
  if (!decision.allowed) throw decision.error;
}

/** A service's rules by name, so a matrix test and the controllers read the same table. */
export type AccessPolicy<Name extends string> = Readonly<Record<Name, AccessRule>>;

export const definePolicy = <Name extends string>(rules: Record<Name, AccessRule>): AccessPolicy<Name> => rules;

/** An 18-digit NIP (PNS) or Nomor Induk PPPK: token subjects of this shape must be known employees. */
export const isNipShaped = (id: string) => /^[0-9]{18}$/.test(id);
