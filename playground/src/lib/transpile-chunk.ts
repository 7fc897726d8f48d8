// The only module that imports the transpiler, and only through `loadTranspiler()` (transpiler.ts):
// the bundler puts it, with sucrase, in a chunk of its own that the page loads after it starts.
export { transpile } from '@tana/engine';
