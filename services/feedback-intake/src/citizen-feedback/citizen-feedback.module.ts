import { Module } from '@nestjs/common';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryModule } from '../directory/directory.module';
import { CitizenFeedbackController } from './citizen-feedback.controller';
import { GetCitizenFeedbackQuery } from './get-citizen-feedback/get-citizen-feedback.query';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({ imports: [CitizenModule, DirectoryModule], controllers: [PublicFeedbackController, CitizenFeedbackController], providers: [GetCitizenFeedbackQuery] })
export class CitizenFeedbackModule {}
