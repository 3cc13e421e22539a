import 'reflect-metadata';
import { bootstrapService, ConfigError } from '@kinerja/platform';
import { AppModule } from './app.module';
import { FeedbackIntakeConfig, loadFeedbackIntakeConfig } from './config';

function configOrExit(): FeedbackIntakeConfig {
  try {
    return loadFeedbackIntakeConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'feedback-intake', msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
}

const config = configOrExit();
void bootstrapService({
  module: AppModule.forRoot(config),
  config,
  openApi: {
    title: 'Kinerja feedback-intake',
    description: "Citizens' feedback and complaints with SLA, SKM/IKM (PermenPANRB 14/2017), continuous feedback (PermenPANRB 6/2022)",
  },
});
