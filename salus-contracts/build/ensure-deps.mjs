// Runs `npm ci` only when node_modules does not match package-lock.json, so repeated builds stay fast.
// The marker node_modules/.salus-lock-sha256 holds the hash of the lockfile that was last installed.
// Usage: node ensure-deps.mjs [project directory] (default: salus-contracts; salus-zk passes its own directory).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const label = `[${basename(root)}]`;
const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.salus-lock-sha256');
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) {
  console.log(`${label} node_modules matches package-lock.json, skipping npm ci`);
  process.exit(0);
}
console.log(`${label} running npm ci`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`${label} npm ci failed (${r.error ?? 'exit ' + r.status})`);
  process.exit(1);
}
writeFileSync(marker, hash + '\n');
