import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { GetServiceFiguresQuery } from './get-service-figures/get-service-figures.query';
import { ServiceDeliveryController } from './service-delivery.controller';
import { ServiceRecordIntake } from './service-record-intake';

@Module({
  imports: [DirectoryModule],
  controllers: [ServiceDeliveryController],
  providers: [GetServiceFiguresQuery, ServiceRecordIntake],
  exports: [ServiceRecordIntake],
})
export class ServiceDeliveryModule {}
