import { Module } from '@nestjs/common';
import { ContinuousFeedbackController } from './continuous-feedback.controller';
import { GetFeedbackTimelineQuery } from './get-feedback-timeline/get-feedback-timeline.query';

@Module({ controllers: [ContinuousFeedbackController], providers: [GetFeedbackTimelineQuery] })
export class ContinuousFeedbackModule {}
