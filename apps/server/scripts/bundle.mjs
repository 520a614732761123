// The production build of the server: src/main.ts and everything it imports (the @coach/* sources
// and the third-party packages) as ES modules, dist/main.mjs and the chunks beside it, so `pnpm
// start` runs plain JavaScript with no TypeScript compiler loaded. Tests keep running on the
// sources. (PGlite's worker, packages/db/src/pglite-worker.mjs, is plain JavaScript run as it is.)
//
// Files found beside a module at run time (PGlite's wasm and data, the migrations, the web app,
// the database template, packages loaded through createRequire) are found through
// `import.meta.url`; in a bundle that would be the bundle's own URL. So every bundled module's
// `import.meta.url` is rewritten to its original file's URL, relative to the bundle, and those
// files are read from where they are.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PRODUCTION_ENTRY } from './production-runtime.mjs';

const SERVER_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = `${SERVER_ROOT}${PRODUCTION_ENTRY}`;
const OUT_DIR = dirname(OUT_FILE);
/** What only a dynamic `import()` reaches goes into chunks beside main.mjs, read on first use. */
const CHUNK_PREFIX = 'chunk-';

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.js': 'js', '.mjs': 'js' };

/** `import.meta.url` → the original module's URL, computed from the bundle's at run time. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(context) {
    context.onLoad({ filter: /\.(m?[jt]s)$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(OUT_DIR, path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return {
        contents: source.replaceAll('import.meta.url', url),
        loader: LOADERS[extname(path)],
        resolveDir: dirname(path),
      };
    });
  },
};

/**
 * Our own packages run nothing when imported (no module is imported for its side effects), so a
 * module none of whose exports is used is left out, with what it imports: importing the demo seed
 * from `@coach/seed` no longer brings in its export writers (FIT SDK, XML builder).
 */
const PACKAGES_DIR = fileURLToPath(new URL('../../../packages/', import.meta.url));
const workspaceWithoutSideEffects = {
  name: 'workspace-without-side-effects',
  setup(context) {
    context.onResolve({ filter: /.*/ }, async ({ path, pluginData, ...args }) => {
      if (pluginData === workspaceWithoutSideEffects) return undefined; // the call below
      if (!args.importer.startsWith(PACKAGES_DIR) && !path.startsWith('@coach/')) return undefined;
      const { importer, kind, resolveDir } = args;
      const resolved = await context.resolve(path, {
        importer,
        kind,
        resolveDir,
        pluginData: workspaceWithoutSideEffects,
      });
      if (resolved.errors.length > 0 || !resolved.path.startsWith(PACKAGES_DIR)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * Prisma's query compiler ships as a module holding its WebAssembly as 4.5 MB of base64, which the
 * generated client decodes and compiles on first query. In a bundle the string would stay in V8's
 * heap for as long as the server runs, twice (the chunk's source, and the literal): the compiler is
 * written beside the bundle as a .wasm file instead, and the client compiles it from there.
 */
const QUERY_COMPILER_FILE = 'query-compiler.wasm';
const QUERY_COMPILER_LOADER =
  /getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\(("@prisma\/client\/runtime\/query_compiler_\w+\.\w+\.wasm-base64\.mjs")\)\s*return await decodeBase64AsWasm\(wasm\)\s*\}/;
const queryCompilerAsFile = {
  name: 'query-compiler-as-file',
  setup(context) {
    context.onLoad(
      { filter: /[\\/]generated[\\/]prisma[\\/]internal[\\/]class\.ts$/ },
      async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const loader = QUERY_COMPILER_LOADER.exec(source);
        if (!loader)
          throw new Error(`${path}: Prisma's query compiler loader has changed; see bundle.mjs`);
        const base64Module = await context.resolve(JSON.parse(loader[1]), {
          kind: 'dynamic-import',
          resolveDir: dirname(path),
        });
        const base64 = /"([A-Za-z0-9+/=]+)"/.exec(await readFile(base64Module.path, 'utf8'))?.[1];
        if (!base64) throw new Error(`${base64Module.path}: no base64 WebAssembly found`);
        await writeFile(`${OUT_DIR}/${QUERY_COMPILER_FILE}`, Buffer.from(base64, 'base64'));
        // The chunk with this module is in OUT_DIR, beside the file.
        const fromFile = `getQueryCompilerWasmModule: async () => {
        const { readFile } = await import('node:fs/promises');
        return new WebAssembly.Module(await readFile(new URL(${JSON.stringify(`./${QUERY_COMPILER_FILE}`)}, import.meta.url)));
      }`;
        return {
          contents: source.replace(loader[0], fromFile),
          loader: 'ts',
          resolveDir: dirname(path),
        };
      },
    );
  },
};

const started = Date.now();
await mkdir(OUT_DIR, { recursive: true }); // the query compiler is written there during the build
// Chunks are named by their content's hash: the previous build's would pile up.
for (const name of await readdir(OUT_DIR).catch(() => [])) {
  if (name.startsWith(CHUNK_PREFIX)) await rm(`${OUT_DIR}/${name}`);
}
await build({
  entryPoints: [`${SERVER_ROOT}src/main.ts`],
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  // A PostgreSQL deployment never loads PGlite; a server never sent a file never loads the file
  // readers: each is a chunk loaded by its dynamic import(), in the same folder (so the module
  // URLs computed above hold for every chunk).
  splitting: true,
  chunkNames: `${CHUNK_PREFIX}[hash]`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // V8 keeps a module's source for as long as it runs (functions are compiled when first called).
  // ASCII only (any other character escaped), so it is kept one byte per character rather than
  // two, and without comments or indentation; names are kept, so stack traces stay readable.
  charset: 'ascii',
  minifyWhitespace: true,
  logLevel: 'warning',
  plugins: [queryCompilerAsFile, keepModuleUrls, workspaceWithoutSideEffects],
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __coachCreateRequire } from 'node:module'; const require = __coachCreateRequire(import.meta.url);",
  },
});
console.log(`bundled ${relative(process.cwd(), OUT_FILE)} in ${Date.now() - started} ms`);
