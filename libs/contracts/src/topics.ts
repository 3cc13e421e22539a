/** The services that publish public events. One topic each (docs/design.md §6). */
export const PRODUCING_SERVICES = ['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const;
export type ProducingService = (typeof PRODUCING_SERVICES)[number];

/** `kinerja.<service>.v1`: the version is the topic layout's, not an event's. */
export function topicOf(service: ProducingService): string {
  return `kinerja.${service}.v1`;
}

/** `kinerja.<service>.inbound.v1`: what systems outside Kinerja produce for the service to consume. */
export function inboundTopicOf(service: ProducingService): string {
  return `kinerja.${service}.inbound.v1`;
}

/** CloudEvents `source` of everything a service publishes. */
export function sourceOf(service: ProducingService): string {
  return `/kinerja/${service}`;
}

/** Where a consumer group parks the messages it could not handle. */
export function deadLetterTopicOf(topic: string, groupId: string): string {
  return `${topic}.dlq.${groupId}`;
}

export const TOPICS = {
  workPlanning: topicOf('work-planning'),
  feedbackIntake: topicOf('feedback-intake'),
  evaluation: topicOf('evaluation'),
  careerDecisions: topicOf('career-decisions'),
} as const;

/** Partitions of every public topic: enough for one consumer per partition in a city-sized deployment. */
export const DEFAULT_PARTITIONS = 6;
