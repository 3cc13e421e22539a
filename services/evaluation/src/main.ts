import 'reflect-metadata';
import { join } from 'node:path';
import { runService } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadEvaluationConfig } from './config';

void runService({
  name: 'evaluation',
  loadConfig: () => loadEvaluationConfig(),
  module: (config) => AppModule.forRoot(config),
  openApi: {
    factsFile: join(__dirname, 'openapi-facts.json'),
    title: 'Kinerja evaluation',
    description: 'Evaluation periods, ratings and predicates, organisation predicate and the distribution curve, keberatan (PermenPANRB 6/2022, PP 30/2019)',
  },
});
