// The GraphQL explorer's bundle: GraphiQL with its Monaco editor and workers, and their styles
// and fonts, in server/explorer/dist, served at /explorer/assets/ (npm run build:explorer, run by
// npm install).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2020',
            },
          },
        },
      },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(ttf|woff2?)$/, type: 'asset/resource' },
    ],
  },
  performance: { hints: false },
});
