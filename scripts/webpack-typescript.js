// TypeScript and React for webpack, compiled by SWC as jest compiles the tests: the rule the
// add-in's bundle (addin/webpack.config.js) and GraphiQL's (server/explorer/webpack.config.js)
// share.
export const typescriptRule = {
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
};
