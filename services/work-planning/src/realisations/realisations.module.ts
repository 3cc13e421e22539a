import { Module } from '@nestjs/common';
import { SkpsModule } from '../skps/skps.module';
import { EmployeeRealisationsController } from './employee-realisations.controller';
import { RealisationsController } from './realisations.controller';

@Module({ imports: [SkpsModule], controllers: [RealisationsController, EmployeeRealisationsController] })
export class RealisationsModule {}
