// The task pane bundle: TypeScript/React compiled by SWC (already used by jest), one script in
// addin/dist served by the server at /addin/taskpane.js; and its service worker, served at the
// origin's root (/service-worker.js) so that its scope covers /taskpane.html.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typescriptRule } from '../scripts/webpack-typescript.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => ({
  mode: argv.mode ?? 'production',
  entry: {
    taskpane: path.join(here, 'src/taskpane/main.tsx'),
    'service-worker': path.join(here, 'src/service-worker/service-worker.ts'),
  },
  output: { path: path.join(here, 'dist'), filename: '[name].js', clean: true },
  devtool: argv.mode === 'development' ? 'source-map' : false,
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [typescriptRule],
  },
  performance: { hints: false },
});
