// Copies the @noble/curves and @noble/hashes ES modules (from the npm lockfile's node_modules) into the portal's
// flat asset directory, one file per module named noble-<package>-<path with "/" as "-" and "_" as "0">.js, with
// their imports rewritten to those names, so the browser loads them as plain same-origin modules (no CDN, no import
// map, which the portal's Content-Security-Policy would refuse as an inline script).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: flatten-noble.mjs <output directory>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const flat = (pkg, path) => `noble-${pkg}-${path.replace(/\.js$/, '').replaceAll('/', '-').replaceAll('_', '0')}.js`;

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'src' || f === 'node_modules' ? [] : walk(p);
    return f.endsWith('.js') ? [p] : [];
  });
}

let n = 0;
for (const pkg of ['curves', 'hashes']) {
  const base = join(root, 'node_modules', '@noble', pkg);
  for (const file of walk(base)) {
    const rel = relative(base, file).split('\\').join('/');
    const src = readFileSync(file, 'utf8').replace(/(from\s*|import\s*)(['"])([^'"]+)\2/g, (m, kw, q, spec) => {
      let target;
      if (spec.startsWith('@noble/')) {
        const [, p, ...rest] = spec.split('/');
        target = flat(p, rest.join('/'));
      } else if (spec.startsWith('.')) {
        target = flat(pkg, posix.normalize(posix.join(posix.dirname(rel), spec)));
      } else {
        throw new Error(`${rel}: unexpected import ${spec}`);
      }
      return `${kw}${q}./${target}${q}`;
    });
    writeFileSync(join(out, flat(pkg, rel)), src);
    n++;
  }
}
console.log(`[salus-node portal assets] ${n} @noble modules flattened into ${out}`);
