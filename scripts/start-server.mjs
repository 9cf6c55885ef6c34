// @ts-check
// `npm start`: the server from one prebuilt file instead of compiling ~270 TypeScript modules on
// every start. tsx (esbuild on each module, then Node's loader for each) took about 1.5 s of
// every start; Node loads the bundle built here in a few hundred ms. The bundle is rebuilt, in
// about half a second, whenever a file it was built from changed (or the checkout moved), so a
// start never runs code older than its sources. Most packages are bundled with it; those that
// need their own files beside them stay in node_modules (KEPT_PACKAGES).
//
//   node scripts/start-server.mjs           build when stale, then run the server in this process
//   node scripts/start-server.mjs --build   build when stale, and stop (npm install runs it)
//
// A plain .mjs file: Node 20 cannot run TypeScript itself, and this is what makes tsx unneeded.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

/**
 * Packages the bundle leaves in node_modules: PGlite and Prisma (WebAssembly and engines beside
 * their code), pg (an optional native binding), the documents' packages (fonts and data files),
 * and the libraries loaded on first use (server/libraries.ts), which are large and rare.
 */
const KEPT_PACKAGES = [
  '@electric-sql/pglite',
  'pglite-prisma-adapter',
  '@prisma/*',
  'pg',
  'pg-native',
  'exceljs',
  'pdfkit',
  'docx',
  'dejavu-fonts-ttf',
  '@signpdf/*',
  'pkijs',
  'asn1js',
  'selfsigned',
  'node-forge',
  'nodemailer',
  'jszip',
  'esbuild',
];

/** This very script: part of what every bundle was built by. */
const SELF = fileURLToPath(import.meta.url);

/**
 * Replaces a file whole: a server starting meanwhile, or another build (two test workers), never
 * reads half of one.
 * @param {string} file
 * @param {string | Uint8Array} contents
 */
function writeWhole(file, contents) {
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

/**
 * Where a checkout's server bundle is and what it was built from.
 * @param {string} root the checkout
 */
export function serverBuild(root) {
  const outDir = path.join(root, '.build/server');
  const bundle = path.join(outDir, 'main.mjs');
  const stampFile = path.join(outDir, 'inputs.json');

  /**
   * Each file's size and modification time.
   * @param {string[]} files paths relative to root, or absolute
   * @returns {Record<string, string>}
   */
  const filesStamp = (files) => {
    /** @type {Record<string, string>} */
    const stamps = {};
    for (const file of files) {
      try {
        const s = statSync(path.resolve(root, file));
        stamps[file] = `${s.size}:${s.mtimeMs}`;
      } catch {
        stamps[file] = 'missing';
      }
    }
    return stamps;
  };

  const esbuildVersion = () =>
    String(
      JSON.parse(readFileSync(path.join(root, 'node_modules/esbuild/package.json'), 'utf8'))
        .version,
    );

  /**
   * Whether the bundle on disk is what a build would make now: built in this folder, by this
   * esbuild and this script, from files none of which changed since.
   */
  const isFresh = () => {
    try {
      const kept = JSON.parse(readFileSync(stampFile, 'utf8'));
      statSync(bundle);
      return (
        kept.root === root &&
        kept.esbuildVersion === esbuildVersion() &&
        JSON.stringify(filesStamp(Object.keys(kept.files))) === JSON.stringify(kept.files)
      );
    } catch {
      return false;
    }
  };

  /** Builds .build/server/main.mjs from server/main.ts and records what it was built from. */
  const build = async () => {
    const esbuild = await import(
      pathToFileURL(path.join(root, 'node_modules/esbuild/lib/main.js')).href
    );
    const startedAt = Date.now();
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'server/main.ts')],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages are bundled too: Node's loader took about half a second of every start over
      // the ~630 files of graphql, Apollo, Pothos, Express and the rest. Kept on disk, loaded by
      // Node as they are, are those that find their own files (WebAssembly, fonts, data) from
      // their address, and those loaded on first use anyway.
      external: KEPT_PACKAGES,
      // CommonJS packages bundled into ES modules still call require() for Node's own modules.
      banner: {
        js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
      },
      // Modules loaded on first use (server/libraries.ts) go to chunks of their own, so the
      // packages they import are not loaded by every start either.
      splitting: true,
      outdir: outDir,
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      sourcemap: 'linked',
      // Stack traces need the mappings only; the sources are the checkout's own files. Node
      // parses each map as the module loads, and the packages' sources would triple it.
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: 'error',
      plugins: [
        {
          // Modules find their data files (migrations, seed data, the add-in's files) from their
          // own address; in one bundle each would have the bundle's. Each keeps its own.
          name: 'module-url',
          /** @param {import('esbuild').PluginBuild} builder */
          setup(builder) {
            builder.onLoad({ filter: /\.ts$/ }, async (args) => ({
              contents: (await readFile(args.path, 'utf8')).replaceAll(
                'import.meta.url',
                JSON.stringify(pathToFileURL(args.path).href),
              ),
              loader: 'ts',
            }));
          },
        },
      ],
    });
    mkdirSync(outDir, { recursive: true });
    /** @type {{ path: string, contents: Uint8Array }[]} */
    const outputs = result.outputFiles;
    // Chunks first, the entry last: a server starting meanwhile finds every chunk its entry names.
    // Chunks of earlier builds stay (their names are their contents' hash): a server still
    // running an earlier entry may load one of its chunks later.
    const entryLast = (/** @type {{ path: string }} */ f) => (f.path.startsWith(bundle) ? 1 : 0);
    for (const file of [...outputs].sort((a, b) => entryLast(a) - entryLast(b))) {
      writeWhole(file.path, file.contents);
    }
    const files = filesStamp([...Object.keys(result.metafile.inputs), SELF]);
    // A file saved while the build ran may not be in the bundle: no stamp, the next start rebuilds.
    const changedMeanwhile = Object.values(files).some(
      (s) => s === 'missing' || Number(s.split(':')[1]) >= startedAt,
    );
    if (changedMeanwhile) rmSync(stampFile, { force: true });
    else {
      writeWhole(stampFile, JSON.stringify({ root, esbuildVersion: esbuildVersion(), files }));
    }
  };

  return {
    bundle,
    isFresh,
    build,
    /** Builds unless the bundle is fresh; says whether it built. */
    async ensure() {
      if (isFresh()) return false;
      await build();
      return true;
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const server = serverBuild(fileURLToPath(new URL('..', import.meta.url)));
  await server.ensure();
  if (!process.argv.includes('--build')) {
    // Error stacks name the TypeScript files and lines, not the bundle's.
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(server.bundle).href);
  }
}
