import 'reflect-metadata';
import { bootstrapService, ConfigError } from '@kinerja/platform';
import { AppModule } from './app.module';
import { CareerConfig, loadCareerConfig } from './config';

function configOrExit(): CareerConfig {
  try {
    return loadCareerConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'career-decisions', msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
}

const config = configOrExit();
void bootstrapService({
  module: AppModule.forRoot(config),
  config,
  openApi: {
    title: 'Kinerja career decisions',
    description: 'Performance record, eligibility (kenaikan pangkat, KGB PPPK, penghargaan), decisions approved by the PPK that follow their facts (PP 30/2019, PermenPANRB 6/2022, 7/2023, 3/2020)',
  },
});
