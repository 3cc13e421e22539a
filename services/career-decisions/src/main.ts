import 'reflect-metadata';
import { join } from 'node:path';
import { runService } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadCareerConfig } from './config';

void runService({
  name: 'career-decisions',
  loadConfig: () => loadCareerConfig(),
  module: (config) => AppModule.forRoot(config),
  openApi: {
    factsFile: join(__dirname, 'openapi-facts.json'),
    title: 'Kinerja career decisions',
    description: 'Performance record, eligibility (kenaikan pangkat, KGB PPPK, penghargaan), decisions approved by the PPK that follow their facts (PP 30/2019, PermenPANRB 6/2022, 7/2023, 3/2020)',
  },
});
