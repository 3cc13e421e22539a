import { Global, Module } from '@nestjs/common';
import { GetOfficialsQuery } from './get-officials/get-officials.query';
import { OfficialsController } from './officials.controller';

@Global()
@Module({ controllers: [OfficialsController], providers: [GetOfficialsQuery], exports: [GetOfficialsQuery] })
export class OfficialsModule {}
