// Build of the Excel add-in: task pane + custom functions in one shared runtime.
//   npm run build            production build into dist/ (ADDIN_URL=https://host/path to deploy)
//   npm start                dev server on https://localhost:3000 (http when no dev certificate)
const path = require("node:path");
const fs = require("node:fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000";
const OFFICE_JS_DIR = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

// The Content-Security-Policy and the other headers a host sends: one list for every server.
const { CSP, headersFor } = require("./scripts/deploy-headers.cjs");

function addinUrl(mode) {
  const url = (process.env.ADDIN_URL || (mode === "production" ? "" : DEV_URL)).replace(/\/+$/, "");
  if (!url) return DEV_URL;
  if (!/^https:\/\/[^\s"'<>]+$/.test(url)) throw new Error(`ADDIN_URL must be an https:// URL, got "${url}"`);
  return url;
}

/** AppDomain is an origin, the rest of the manifest takes the full base URL. */
function rewriteManifest(content, url) {
  const origin = new URL(url).origin;
  return content
    .toString()
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(DEV_URL, url);
}

/**
 * Custom functions are localised by a second metadata file (functions-vi.json, named in the
 * manifest by <bt:Override Locale="vi-VN"> on the metadata URL). It is derived from the
 * generated functions.json so that ids, types and parameters can never drift apart.
 */
class LocalizedFunctionsMetadataPlugin {
  constructor({ source, output, translations }) {
    Object.assign(this, { source, output, translations });
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsMetadataPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(this.source);
          if (!asset) return;
          const { localizeFunctionsMetadata } = require("./scripts/localize-functions.cjs");
          const translations = JSON.parse(fs.readFileSync(this.translations, "utf8"));
          compilation.fileDependencies.add(this.translations);
          const localized = localizeFunctionsMetadata(JSON.parse(asset.source.source().toString()), translations);
          compilation.emitAsset(this.output, new webpack.sources.RawSource(JSON.stringify(localized, null, 2)));
        },
      );
    });
  }
}

/** samples/index.json: the sample workbooks the task pane's "Dùng dữ liệu mẫu" button loads. */
class SampleIndexPlugin {
  constructor(dir) {
    this.dir = dir;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("SampleIndexPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "SampleIndexPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const files = fs.existsSync(this.dir)
            ? fs.readdirSync(this.dir).filter((f) => /\.xlsx$/i.test(f)).sort()
            : [];
          compilation.contextDependencies.add(this.dir);
          compilation.emitAsset("samples/index.json", new webpack.sources.RawSource(JSON.stringify({ files })));
        },
      );
    });
  }
}

async function httpsOptions() {
  if (process.env.DTBD_HTTP === "1") return null;
  try {
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    console.warn(
      `\n[dtbd] No trusted dev certificate (${error.message}).\n` +
        "[dtbd] Serving over plain http://localhost:3000: fine for the browser (standalone) mode;\n" +
        "[dtbd] Excel needs https: run `npx office-addin-dev-certs install` and restart.\n",
    );
    return null;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || (env.production ? "production" : "development");
  const dev = mode !== "production";
  const url = addinUrl(mode);
  const https = env.WEBPACK_SERVE ? await httpsOptions() : null;

  return {
    mode,
    devtool: dev ? "source-map" : false,
    target: "web",
    entry: {
      functions: "./src/functions/functions.ts",
      // The pane's page loads functions.js first (one shared runtime), so the pane takes the
      // modules both use (the core: findings, catalogue, checks) from it instead of a second copy.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "chunks/[name].[contenthash:8].js",
      clean: true,
      publicPath: "auto",
    },
    resolve: {
      extensions: [".ts", ".js"],
      // Sources use Node16-style ".js" specifiers for .ts files.
      extensionAlias: { ".js": [".ts", ".js"] },
      alias: {
        // exceljs's "browser" build is minified browserify output with a regenerator
        // Function() fallback; bundling its sources keeps the CSP free of unsafe-eval.
        exceljs$: path.resolve(__dirname, "src/office/exceljs-browser.cjs"),
        // The workbook reader inflates with node:zlib (bounded output); fflate does it here.
        zlib$: path.resolve(__dirname, "src/office/zlib-browser.cjs"),
      },
      fallback: {
        fs: false,
        crypto: false,
        os: false,
        path: false,
        stream: require.resolve("readable-stream"),
        buffer: require.resolve("buffer/"),
        events: require.resolve("events/"),
        util: require.resolve("util/"),
        string_decoder: require.resolve("string_decoder/"),
      },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              // ES modules so that webpack can split the lazy exceljs chunk.
              compilerOptions: { module: "es2022", moduleResolution: "bundler", sourceMap: dev },
            },
          },
        },
        { test: /\.(png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
        { test: /\.xlsx$/, type: "asset/resource", generator: { filename: "samples/[name][ext]" } },
      ],
    },
    plugins: [
      // Sources may name Node built-ins as "node:stream"; map them onto resolve.fallback.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      // SheetJS (.xls/.ods) is loaded synchronously in Node; here it comes as a lazy chunk of its own.
      new webpack.NormalModuleReplacementPlugin(/^\.\/sheetjs\.js$/, "./sheetjs.browser.js"),
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"], process: path.resolve(__dirname, "src/office/process-shim.cjs") }),
      new webpack.DefinePlugin({ "process.env.NODE_DEBUG": "false" }),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedFunctionsMetadataPlugin({
        source: "functions.json",
        output: "functions-vi.json",
        translations: path.resolve(__dirname, "src/functions/functions.vi.json"),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page also registers the custom functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        templateParameters: { csp: CSP },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content, url) },
          {
            from: OFFICE_JS_DIR,
            to: "office-js",
            globOptions: {
              ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js", "**/outlook*.js", "**/word-*.js", "**/powerpoint-*.js",
                "**/onenote-*.js", "**/visio-*.js", "**/project-*.js", "**/access-*.js", "**/html2canvas*.js", "**/*.map"],
            },
          },
          { from: "samples/*.xlsx", to: "samples/[name][ext]", noErrorOnMissing: true },
        ],
      }),
      new SampleIndexPlugin(path.resolve(__dirname, "samples")),
    ],
    performance: { hints: false },
    optimization: {
      // Keep the entry files under their manifest names and the lazy chunks separate.
      splitChunks: false,
      runtimeChunk: false,
    },
    devServer: {
      port: 3000,
      host: "localhost",
      hot: false,
      liveReload: true,
      static: false,
      // The deployment's headers (scripts/deploy-headers.cjs): CSP and nosniff on every file,
      // Access-Control-Allow-Origin on the custom functions' metadata.
      headers: (req) => headersFor(req.url),
      server: https ? { type: "https", options: https } : { type: "http" },
      devMiddleware: { writeToDisk: false },
    },
  };
};

module.exports.CSP = CSP;
module.exports.rewriteManifest = rewriteManifest;
