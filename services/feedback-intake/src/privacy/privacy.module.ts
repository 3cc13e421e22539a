import { Module } from '@nestjs/common';
import { CitizenModule } from '../citizen/citizen.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { ErasureController } from './erasure.controller';

/** "Erase my data" for complainants and citizens (crypto-shredding; the contact store itself is infrastructure of AppModule). */
@Module({ imports: [CitizenModule, ComplaintsModule], controllers: [ErasureController] })
export class PrivacyModule {}
