import { Module } from '@nestjs/common';
import { SkpsModule } from '../skps/skps.module';
import { EmployeeRealisationsController } from './employee-realisations.controller';
import { RealisationsController } from './realisations.controller';
import { ComputedRealisations } from './computed/computed-realisations';

@Module({ imports: [SkpsModule], controllers: [RealisationsController, EmployeeRealisationsController], providers: [ComputedRealisations], exports: [ComputedRealisations] })
export class RealisationsModule {}
