import { Module } from '@nestjs/common';
import { SkpsModule } from '../skps/skps.module';
import { RealisationsController } from './realisations.controller';

@Module({ imports: [SkpsModule], controllers: [RealisationsController] })
export class RealisationsModule {}
