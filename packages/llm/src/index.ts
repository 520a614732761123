export * from './anthropic';
export * from './fake-anthropic';
export * from './model';
