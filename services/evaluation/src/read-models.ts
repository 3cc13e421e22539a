import { evaluationReadModel } from './evaluations/get-evaluation/evaluation-view.entity';
import { openObjectionWindowReadModel } from './evaluations/get-open-objection-windows/open-objection-window.entity';
import { recordedFactsReadModel } from './evaluations/get-recorded-facts/recorded-facts.entity';
import { periodReadModel } from './periods/get-periods/period-view.entity';
import { reminderReadModel } from './reminders/get-reminders/reminder-view.entity';
import { curveEntryReadModel } from './unit-evaluations/get-curve/curve-entry.entity';
import { unitEvaluationReadModel } from './unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';

/** Every read model of the service: app.module.ts runs them, rebuild.ts replays them. */
export const READ_MODELS = [periodReadModel, evaluationReadModel, recordedFactsReadModel, unitEvaluationReadModel, curveEntryReadModel, openObjectionWindowReadModel, reminderReadModel];
