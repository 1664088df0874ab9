export { createConfig, ConfigError, EnvSchema, type Config } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { describeIssues, parseJson, type ParsedJson } from './json.js';
export { readEnv } from './env.js';
