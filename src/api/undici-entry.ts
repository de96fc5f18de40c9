/**
 * The part of undici the extension uses. Bundled on its own into dist/undici.js (see
 * scripts/build.mjs) and loaded by lazy.ts on the first request, so activation stays cheap.
 */
export { Agent, ProxyAgent, request } from 'undici';
export type { Dispatcher } from 'undici';
