import 'reflect-metadata';
import { bootstrapService, ConfigError } from '@kinerja/platform';
import { loadWebConfig, WebConfig } from './config';
import { webAppOptions } from './web-app';

function configOrExit(): WebConfig {
  try {
    return loadWebConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'web', msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
}

const config = configOrExit();
void webAppOptions(config).then(
  (options) => bootstrapService(options),
  (error: unknown) => {
    process.stderr.write(JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service: config.SERVICE_NAME, msg: 'web failed to start', err: String(error) }) + '\n');
    process.exit(1);
  },
);
