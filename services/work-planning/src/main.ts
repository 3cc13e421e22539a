import 'reflect-metadata';
import { join } from 'node:path';
import { runService } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadWorkPlanningConfig } from './config';

void runService({
  name: 'work-planning',
  loadConfig: () => loadWorkPlanningConfig(),
  module: (config) => AppModule.forRoot(config),
  openApi: {
    factsFile: join(__dirname, 'openapi-facts.json'),
    title: 'Kinerja work-planning',
    description: 'Organisation, SKP and realisations (PermenPANRB 6/2022)',
  },
});
