// The production build of the server: src/main.ts and everything it imports (the @coach/* sources
// and the third-party packages) in one ES module, dist/main.mjs, so `pnpm start` runs plain
// JavaScript with no TypeScript compiler loaded. Tests keep running on the sources.
//
// Files found beside a module at run time (PGlite's wasm and data, the migrations, the web app,
// the database template, packages loaded through createRequire) are found through
// `import.meta.url`; in a bundle that would be the bundle's own URL. So every bundled module's
// `import.meta.url` is rewritten to its original file's URL, relative to the bundle, and those
// files are read from where they are.
import { readFile } from 'node:fs/promises';
import { dirname, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = `${SERVER_ROOT}dist/main.mjs`;
const OUT_DIR = dirname(OUT_FILE);

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

const started = Date.now();
await build({
  entryPoints: [`${SERVER_ROOT}src/main.ts`],
  outfile: OUT_FILE,
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
  plugins: [keepModuleUrls],
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __coachCreateRequire } from 'node:module'; const require = __coachCreateRequire(import.meta.url);",
  },
});
console.log(`bundled ${relative(process.cwd(), OUT_FILE)} in ${Date.now() - started} ms`);
