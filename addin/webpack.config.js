// The task pane bundle: TypeScript/React compiled by SWC (already used by jest), one script in
// addin/dist served by the server at /addin/taskpane.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typescriptRule } from '../scripts/webpack-typescript.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => ({
  mode: argv.mode ?? 'production',
  entry: { taskpane: path.join(here, 'src/taskpane/main.tsx') },
  output: { path: path.join(here, 'dist'), filename: '[name].js', clean: true },
  devtool: argv.mode === 'development' ? 'source-map' : false,
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [typescriptRule],
  },
  performance: { hints: false },
});
