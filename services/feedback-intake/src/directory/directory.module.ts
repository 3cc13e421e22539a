import { Module } from '@nestjs/common';
import { FeedbackAccess } from '../access';
import { Directory } from './directory';
import { DirectoryController } from './directory.controller';

/** The local copy of work-planning's organisation: units with their counters, employees, SKP plans. */
@Module({ controllers: [DirectoryController], providers: [Directory, FeedbackAccess], exports: [Directory, FeedbackAccess] })
export class DirectoryModule {}
