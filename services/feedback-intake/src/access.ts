import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessSubject, Actor, ActorDirectory, assertAccess, decideAccess, Relation } from '@kinerja/platform';
import { Directory } from './directory/directory';
import { FEEDBACK_POLICY, FeedbackPermission } from './policy';

/** What the access decision needs of a complaint (an inbox row). */
export interface ComplaintSubject {
  agencyId: string;
  assignedUnitId: string;
  subjectEmployeeId: string | null;
}

/**
 * The one place feedback-intake decides permissions (docs/design.md §7): the policy table in
 * `policy.ts`, relations from the organisation as of today (the service's own read models of
 * work-planning's events, else the directory admin entries).
 */
@Injectable()
export class FeedbackAccess implements ActorDirectory {
  constructor(
    private readonly directory: Directory,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The platform guard's ACTOR_DIRECTORY (issue 15 finding 13): a token acting as an employee or
   * supervisor names someone the organisation copy knows (directory, a placement) or someone
   * Kinerja granted a role; else 403 ACTOR_UNKNOWN, as in work-planning.
   */
  async knows(nip: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM directory_employee WHERE nip = $1 UNION ALL SELECT 1 FROM org_assignment WHERE nip = $1
       UNION ALL SELECT 1 FROM role_grant_copy WHERE nip = $1 LIMIT 1`,
      [nip],
    );
    return rows.length > 0;
  }

  /**
   * The employee a complaint names and their supervisors inside the same unit below its head:
   * none of them may see or handle it. The unit head (the topmost supervisor still in the unit)
   * may.
   */
  async conflicted(subjectNip: string | null): Promise<ReadonlySet<string>> {
    if (subjectNip === null) return new Set();
    const today = this.directory.today();
    const unitId = (await this.directory.employee(subjectNip))?.unitId ?? null;
    const line: string[] = [];
    let current = subjectNip;
    for (let depth = 0; unitId !== null && depth < 30; depth++) {
      const supervisor = await this.directory.pejabatPenilaiOn(current, today);
      if (supervisor === null || line.includes(supervisor)) break;
      if ((await this.directory.employee(supervisor))?.unitId !== unitId) break;
      line.push(supervisor);
      current = supervisor;
    }
    // The last supervisor still in the unit heads it.
    return new Set([subjectNip, ...line.slice(0, -1)]);
  }

  async relationsTo(actor: Actor, complaint: ComplaintSubject, conflicted?: ReadonlySet<string>): Promise<Relation[]> {
    const relations: Relation[] = [];
    if (complaint.subjectEmployeeId === actor.id) relations.push('COMPLAINT_SUBJECT');
    else if ((conflicted ?? (await this.conflicted(complaint.subjectEmployeeId))).has(actor.id)) relations.push('SUBJECT_REPORTING_LINE');
    if ((await this.directory.employee(actor.id))?.unitId === complaint.assignedUnitId) relations.push('UNIT_OFFICER');
    return relations;
  }

  async assertOnComplaint(actor: Actor, permission: FeedbackPermission, complaint: ComplaintSubject): Promise<void> {
    assertAccess(actor, { agencyId: complaint.agencyId, relations: await this.relationsTo(actor, complaint) }, FEEDBACK_POLICY[permission]);
  }

  /** The complaints of a list the actor may see: none about themself or someone they supervise below the unit head. */
  async visible<Row extends ComplaintSubject>(actor: Actor, rows: readonly Row[]): Promise<Row[]> {
    const bySubject = new Map<string | null, ReadonlySet<string>>();
    const shown: Row[] = [];
    for (const row of rows) {
      if (!bySubject.has(row.subjectEmployeeId)) bySubject.set(row.subjectEmployeeId, await this.conflicted(row.subjectEmployeeId));
      const subject: AccessSubject = { agencyId: row.agencyId, relations: await this.relationsTo(actor, row, bySubject.get(row.subjectEmployeeId)) };
      if (decideAccess(actor, subject, FEEDBACK_POLICY.readComplaint).allowed) shown.push(row);
    }
    return shown;
  }

  /** A unit's inbox as a whole: its officers, the agency's admin, the city and auditors. */
  async assertOnUnit(actor: Actor, unitId: string, agencyId: string | null, permission: FeedbackPermission = 'readComplaint'): Promise<void> {
    const officer = (await this.directory.employee(actor.id))?.unitId === unitId;
    assertAccess(actor, { agencyId, relations: officer ? ['UNIT_OFFICER'] : [] }, FEEDBACK_POLICY[permission]);
  }

  /** A read about an employee (their citizen feedback, their timeline): the employee's agency and whether the actor rates them, as of today. */
  async assertOnEmployee(actor: Actor, permission: FeedbackPermission, nip: string): Promise<void> {
    const employee = await this.directory.employee(nip);
    const rates = employee !== null && (await this.directory.pejabatPenilaiOn(nip, this.directory.today())) === actor.id;
    assertAccess(actor, { nip, agencyId: employee?.agencyId ?? null, relations: rates ? ['PEJABAT_PENILAI'] : [] }, FEEDBACK_POLICY[permission]);
  }

  /** A read about a unit as a whole (its citizens' feedback): the unit's agency and whether the actor heads it today. */
  async assertOnUnitHead(actor: Actor, permission: FeedbackPermission, unitId: string): Promise<void> {
    const unit = await this.directory.unit(unitId);
    const heads = unit === null ? false : (await this.directory.headsOfUnit(unitId, this.directory.today())).includes(actor.id);
    assertAccess(actor, { agencyId: unit?.agencyId ?? null, relations: heads ? ['UNIT_HEAD'] : [] }, FEEDBACK_POLICY[permission]);
  }

  /** Service standards and records of an agency (the agency as the directory knows it: null = unknown). */
  assertServiceDelivery(actor: Actor, agencyId: string | null): void {
    assertAccess(actor, { agencyId }, FEEDBACK_POLICY.administerServiceDelivery);
  }

  /** Directory changes about a subject whose agency the read models know (null: not yet known). */
  assertDirectory(actor: Actor, ...agencies: (string | null | undefined)[]): void {
    for (const agencyId of agencies) if (agencyId !== undefined) assertAccess(actor, { agencyId }, FEEDBACK_POLICY.administerDirectory);
  }
}
