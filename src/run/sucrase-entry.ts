/**
 * sucrase's transform, bundled on its own into dist/sucrase.js and loaded by lazy.ts only
 * when a TypeScript selection is run.
 */
export { transform } from 'sucrase';
export type { Options as TransformOptions } from 'sucrase';
