#!/usr/bin/env node
// The tana command. Node >= 22.12 is required (the repository's npm scripts provide it).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`tana needs Node 22.12 or newer (this is ${process.version}); run it through npx in the repository, which provides Node 22.`);
  process.exit(1);
}
(await import('../src/fresh-engine.ts')).ensureFreshEngineBuild();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
