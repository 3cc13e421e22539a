import 'reflect-metadata';
import { bootstrapService, ConfigError } from '@kinerja/platform';
import { AppModule } from './app.module';
import { EvaluationConfig, loadEvaluationConfig } from './config';

function configOrExit(): EvaluationConfig {
  try {
    return loadEvaluationConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'evaluation', msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
}

const config = configOrExit();
void bootstrapService({
  module: AppModule.forRoot(config),
  config,
  openApi: {
    title: 'Kinerja evaluation',
    description: 'Evaluation periods, ratings and predicates, organisation predicate and the distribution curve, keberatan (PermenPANRB 6/2022, PP 30/2019)',
  },
});
