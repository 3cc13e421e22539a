import 'reflect-metadata';
import { bootstrapService, ConfigError } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadWorkPlanningConfig, WorkPlanningConfig } from './config';

function configOrExit(): WorkPlanningConfig {
  try {
    return loadWorkPlanningConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'work-planning', msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
}

const config = configOrExit();
void bootstrapService({
  module: AppModule.forRoot(config),
  config,
  openApi: { title: 'Kinerja work-planning', description: 'Organisation, SKP and realisations (PermenPANRB 6/2022)' },
});
