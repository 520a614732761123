export { type Config, ConfigError, loadConfig } from './config';
export { DEFAULT_DAILY_LIMITS } from './defaults';
export type { Logger } from './logger';
