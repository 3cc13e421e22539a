import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ContinuousFeedbackController } from './continuous-feedback.controller';
import { GetFeedbackTimelineQuery } from './get-feedback-timeline/get-feedback-timeline.query';

@Module({ imports: [DirectoryModule], controllers: [ContinuousFeedbackController], providers: [GetFeedbackTimelineQuery] })
export class ContinuousFeedbackModule {}
