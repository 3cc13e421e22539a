import 'reflect-metadata';
import { join } from 'node:path';
import { runService } from '@kinerja/platform';
import { AppModule } from './app.module';
import { loadFeedbackIntakeConfig } from './config';

void runService({
  name: 'feedback-intake',
  loadConfig: () => loadFeedbackIntakeConfig(),
  module: (config) => AppModule.forRoot(config),
  openApi: {
    factsFile: join(__dirname, 'openapi-facts.json'),
    title: 'Kinerja feedback-intake',
    description: "Citizens' feedback and complaints with SLA, SKM/IKM (PermenPANRB 14/2017), continuous feedback (PermenPANRB 6/2022)",
  },
});
