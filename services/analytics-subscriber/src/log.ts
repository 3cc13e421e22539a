import { LOG_LEVELS, LogLevel } from './config';

/** One JSON object per line: `{"level","time","service","msg",...fields}`. */
export type Log = (level: LogLevel | 'fatal', msg: string, fields?: Record<string, unknown>) => void;

export function jsonLog(minimum: LogLevel = 'info', write: (line: string) => void = (line) => process.stdout.write(line)): Log {
  const floor = LOG_LEVELS.indexOf(minimum);
  return (level, msg, fields = {}) => {
    if (level !== 'fatal' && LOG_LEVELS.indexOf(level) < floor) return;
    write(`${JSON.stringify({ level, time: new Date().toISOString(), service: 'analytics-subscriber', msg, ...fields })}\n`);
  };
}

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { err: { name: error.name, message: error.message } } : { err: String(error) };
}
