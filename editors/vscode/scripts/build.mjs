// Bundles the extension (and the end-to-end test suite that runs inside VS Code) with esbuild.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as fs from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = !process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  sourcemap: production ? false : 'inline',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['test/e2e/host/suite.ts'], outfile: 'out/e2e-host/suite.js', minify: false }),
]);
// The e2e suite runs as the tests of a tiny development extension, since VS Code only runs
// `extensionTestsPath` from inside an extension's folder; Hindsight itself comes from the .vsix.
fs.writeFileSync(
  path.join(root, 'out/e2e-host/package.json'),
  JSON.stringify(
    {
      name: 'hindsight-e2e-host',
      displayName: 'Hindsight e2e test host',
      publisher: 'hindsight',
      version: '0.0.0',
      private: true,
      engines: { vscode: '^1.82.0' },
    },
    null,
    2,
  ) + '\n',
);
console.log('built dist/extension.js and out/e2e-host/suite.js');
