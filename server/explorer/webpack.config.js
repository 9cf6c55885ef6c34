// The GraphQL explorer's bundle: GraphiQL with its Monaco editor and workers, and their styles
// and fonts, in server/explorer/dist, served at /explorer/assets/ (npm run build:explorer, run by
// npm install).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typescriptRule } from '../../scripts/webpack-typescript.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => ({
  mode: argv.mode ?? 'production',
  entry: { graphiql: path.join(here, 'app/main.tsx') },
  output: {
    path: path.join(here, 'dist'),
    filename: '[name].js',
    publicPath: '/explorer/assets/',
    clean: true,
  },
  devtool: false,
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [
      typescriptRule,
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(ttf|woff2?)$/, type: 'asset/resource' },
    ],
  },
  performance: { hints: false },
});
