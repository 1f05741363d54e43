// Compiles src/main/solidity/*.sol with solc-js (standard JSON) into target/contracts/<Name>.abi and <Name>.bin.
// Fails with solc's messages on any error. Imports of @openzeppelin/... resolve from node_modules.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src', 'main', 'solidity');
const outDir = join(root, 'target', 'contracts');

const sources = {};
for (const f of readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: readFileSync(join(srcDir, f), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'shanghai',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(path) {
  const candidates = [join(root, 'node_modules', path), join(srcDir, path)];
  for (const c of candidates) {
    const n = normalize(c);
    if (!n.startsWith(root)) continue;
    if (existsSync(n)) return { contents: readFileSync(n, 'utf8') };
  }
  return { error: `import not found: ${path}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const problems = output.errors ?? [];
for (const p of problems) {
  console.error(p.formattedMessage ?? p.message);
}
if (problems.some((p) => p.severity === 'error')) {
  console.error('[salus-contracts] solc reported errors');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file] ?? {})) {
    const bin = c.evm.bytecode.object;
    if (!bin) continue;
    writeFileSync(join(outDir, `${name}.abi`), JSON.stringify(c.abi));
    writeFileSync(join(outDir, `${name}.bin`), bin);
    count++;
  }
}
console.log(`[salus-contracts] solc ${solc.version()} compiled ${count} contracts into ${outDir}`);
