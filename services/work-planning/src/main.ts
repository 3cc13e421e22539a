import 'reflect-metadata';
import { runService } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadWorkPlanningConfig } from './config';

void runService({
  name: 'work-planning',
  loadConfig: () => loadWorkPlanningConfig(),
  module: (config) => AppModule.forRoot(config),
  openApi: {
    title: 'Kinerja work-planning',
    description: 'Organisation, SKP and realisations (PermenPANRB 6/2022)',
  },
});
