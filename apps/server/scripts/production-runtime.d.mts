// Types of production-runtime.mjs for the TypeScript that imports it (src/testing/process.ts).
export declare const PRODUCTION_ENTRY: string;
export declare function productionNodeArgs(
  env: Readonly<Record<string, string | undefined>>,
): string[];
export declare const PRODUCTION_ENV_DEFAULTS: Readonly<Record<string, string>>;
