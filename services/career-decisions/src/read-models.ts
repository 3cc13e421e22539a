import { decisionRegisterReadModel } from './decisions/get-decisions/decision-register.entity';
import { replacedFactReadModel } from './decisions/get-decisions/replaced-fact.entity';
import { mentoringRecordReadModel } from './development/get-mentoring/mentoring-record.entity';
import { employeeRecordReadModel } from './performance-record/get-employee-record/employee-record.entity';
import { talentFactsReadModel } from './talent/get-talent-map/talent-facts.entity';

/** Every read model of the service: app.module.ts runs them, rebuild.ts replays them. */
export const READ_MODELS = [employeeRecordReadModel, decisionRegisterReadModel, replacedFactReadModel, talentFactsReadModel, mentoringRecordReadModel];
