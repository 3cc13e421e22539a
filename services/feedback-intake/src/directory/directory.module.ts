import { Module } from '@nestjs/common';
import { ACTOR_DIRECTORY } from '@kinerja/platform';
import { FeedbackAccess } from '../access';
import { Directory } from './directory';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryController } from './directory.controller';
import { PublicDirectoryController } from './public-directory.controller';

/** The local copy of work-planning's organisation: units with their counters, employees, SKP plans; the public directory of service units. */
@Module({
  imports: [CitizenModule],
  controllers: [DirectoryController, PublicDirectoryController],
  providers: [Directory, FeedbackAccess, { provide: ACTOR_DIRECTORY, useExisting: FeedbackAccess }],
  exports: [Directory, FeedbackAccess, ACTOR_DIRECTORY],
})
export class DirectoryModule {}
