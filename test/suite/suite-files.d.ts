// Generated at build time by scripts/suite-bundle-plugin.mjs: one lazy loader per test/suite/**/*.test.ts.
declare module 'virtual:suite-files' {
  export const suiteFiles: ReadonlyArray<{ name: string; load: () => unknown }>;
}
