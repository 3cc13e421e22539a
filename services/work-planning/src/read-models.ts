import { agencyReadModel } from './agencies/get-agency/agency-view.entity';
import { employeeReadModel } from './employees/get-employee/employee-view.entity';
import { positionReadModel, unitReadModel } from './organisation/get-org-tree/org-tree.entity';
import { assignmentIntervalReadModel, reportingLineIntervalReadModel } from './organisation/get-supervisor/reporting-intervals.entity';
import { officialReadModel } from './officials/get-officials/official-view.entity';
import { realisationReadModel } from './realisations/get-realisations/realisation-view.entity';
import { roleGrantReadModel } from './role-grants/get-role-grants/role-grant-view.entity';
import { rhkReadModel } from './skps/get-cascade/rhk-view.entity';
import { skpReadModel } from './skps/get-skp/skp-view.entity';

/** Every read model of the service: app.module.ts runs them, rebuild.ts replays them. */
export const READ_MODELS = [
  agencyReadModel,
  employeeReadModel,
  assignmentIntervalReadModel,
  reportingLineIntervalReadModel,
  unitReadModel,
  positionReadModel,
  skpReadModel,
  rhkReadModel,
  realisationReadModel,
  officialReadModel,
  roleGrantReadModel,
];
