import type { paths as CareerDecisions } from './generated/career-decisions';
import type { paths as Evaluation } from './generated/evaluation';
import type { paths as FeedbackIntake } from './generated/feedback-intake';
import type { paths as WorkPlanning } from './generated/work-planning';

/** The JSON body of an operation's success (200 or 201), as the generated client types it. */
type SuccessOf<Operation> = Answered<
  Operation extends { responses: infer R }
    ? { [S in keyof R]: S extends 200 | 201 ? (R[S] extends { content: { 'application/json': infer T } } ? T : never) : never }[keyof R]
    : never
>;

/** An operation without a JSON answer gives a type no page can read from, instead of a silent `never`. */
type Answered<T> = [T] extends [never] ? { readonly noJsonAnswer: true } : T;

/**
 * What a service answers on `method` `path`, from its OpenAPI document (the service's own answer type,
 * through openapi-facts): the console reads these instead of writing the shapes again.
 */
export type WorkPlanningAnswer<P extends keyof WorkPlanning, M extends keyof WorkPlanning[P]> = SuccessOf<WorkPlanning[P][M]>;
export type EvaluationAnswer<P extends keyof Evaluation, M extends keyof Evaluation[P]> = SuccessOf<Evaluation[P][M]>;
export type FeedbackIntakeAnswer<P extends keyof FeedbackIntake, M extends keyof FeedbackIntake[P]> = SuccessOf<FeedbackIntake[P][M]>;
export type CareerDecisionsAnswer<P extends keyof CareerDecisions, M extends keyof CareerDecisions[P]> = SuccessOf<CareerDecisions[P][M]>;
