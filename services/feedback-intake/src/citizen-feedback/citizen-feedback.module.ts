import { Module } from '@nestjs/common';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryModule } from '../directory/directory.module';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({ imports: [CitizenModule, DirectoryModule], controllers: [PublicFeedbackController] })
export class CitizenFeedbackModule {}
