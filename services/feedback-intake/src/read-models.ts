import { citizenFeedbackReadModel } from './citizen-feedback/get-citizen-feedback/citizen-feedback-view.entity';
import { complaintInboxReadModel } from './complaints/get-complaint-inbox/complaint-inbox.entity';
import { complaintStatusReadModel } from './complaints/get-complaint-status/complaint-status.entity';
import { dueComplaintReadModel } from './complaints/get-due-complaints/due-complaint.entity';
import { feedbackTimelineReadModel } from './continuous-feedback/get-feedback-timeline/feedback-timeline.entity';
import { ikmResultReadModel } from './surveys/get-ikm/ikm-result.entity';
import { complaintHandlingReadModel, serviceRecordReadModel, serviceStandardReadModel } from './service-delivery/get-service-figures/service-delivery.entities';

/** Every read model of the service: app.module.ts runs them, rebuild.ts replays them. */
export const READ_MODELS = [complaintInboxReadModel, complaintStatusReadModel, dueComplaintReadModel, ikmResultReadModel, feedbackTimelineReadModel, citizenFeedbackReadModel, serviceStandardReadModel, serviceRecordReadModel, complaintHandlingReadModel];
