// Generated at build time by scripts/test-bundle-plugins.mjs: one lazy loader per test/suite/**/*.test.ts.
declare module 'virtual:suite-files' {
  export const suiteFiles: ReadonlyArray<{ name: string; load: () => unknown }>;
}
