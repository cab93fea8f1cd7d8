const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

/**
 * The task pane, the ribbon command's function file and its dialog. Browser mode (the .xlsx
 * reader and writer) and the actions that write are dynamic imports, in chunks of their own.
 * `--env https` serves with the Office dev certificates (npm start); without it plain http
 * on localhost:3000 (npm run preview).
 */
module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  let server = 'http';
  if (env.https) {
    const devCerts = require('office-addin-dev-certs');
    server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  return {
    mode: dev ? 'development' : 'production',
    // No eval anywhere (the pane's Content-Security-Policy forbids it), and no source maps in
    // what is deployed.
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // The ribbon's "Valider handleplan" (ExecuteFunction) and its fallback dialog.
      commands: './src/ribbon/command.ts',
      dialog: './src/ribbon/dialog.ts',
    },
    // Modern browsers only (Office's web views included): webpack's runtime then uses
    // globalThis instead of new Function("return this"), which the CSP would refuse.
    target: ['web', 'es2020'],
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
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
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        template: './src/ribbon/commands.html',
        filename: 'commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({ template: './src/ribbon/dialog.html', filename: 'dialog.html', chunks: ['dialog'] }),
      new CopyWebpackPlugin({
        patterns: [{ from: 'assets', to: 'assets' }, { from: 'manifest.xml' }, { from: 'src/taskpane/supported.js' }],
      }),
    ],
    devServer: {
      port: 3000,
      // The development server answers this machine only.
      host: 'localhost',
      server,
      static: { directory: path.resolve(__dirname, 'dist') },
      historyApiFallback: false,
      open: false,
    },
  };
};
