import { Module } from '@nestjs/common';
import { FeedbackAccess } from '../access';
import { Directory } from './directory';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryController } from './directory.controller';
import { PublicDirectoryController } from './public-directory.controller';

/** The local copy of work-planning's organisation: units with their counters, employees, SKP plans; the public directory of service units. */
@Module({ imports: [CitizenModule], controllers: [DirectoryController, PublicDirectoryController], providers: [Directory, FeedbackAccess], exports: [Directory, FeedbackAccess] })
export class DirectoryModule {}
