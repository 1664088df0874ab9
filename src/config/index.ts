export { createConfig, ConfigError, EnvSchema, type Config } from './config.js';
