import { Module } from '@nestjs/common';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({ controllers: [PublicFeedbackController] })
export class CitizenFeedbackModule {}
