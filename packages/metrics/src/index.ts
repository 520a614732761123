export * from './assessment';
export * from './calendar';
export * from './coaching';
export * from './daily-metrics';
export * from './journal';
export * from './load';
export * from './thresholds';
export * from './units';
