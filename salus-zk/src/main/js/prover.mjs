// The patient-side prover: a long-lived Node process that holds the circuit's witness generator (wasm) and proving
// key (zkey) in memory and answers one JSON request per stdin line with one JSON response per stdout line:
//   {"id": 1, "op": "prove", "input": {...}}                  -> {"id": 1, "proof": {...}, "publicSignals": [...]}
//   {"id": 2, "op": "verify", "proof": {...}, "publicSignals": [...]} -> {"id": 2, "valid": true}
// A request that fails (a witness the circuit's constraints reject) gets {"id": n, "error": "..."}.
// Usage: node prover.mjs <attribute.wasm> <attribute.zkey> <attribute.vkey.json>
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as snarkjs from 'snarkjs';

const [wasmPath, zkeyPath, vkeyPath] = process.argv.slice(2);
const wasm = new Uint8Array(readFileSync(wasmPath));
const zkey = new Uint8Array(readFileSync(zkeyPath));
const vkey = JSON.parse(readFileSync(vkeyPath, 'utf8'));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function handle(request) {
  if (request.op === 'prove') {
    const started = process.hrtime.bigint();
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(request.input, { type: 'mem', data: wasm },
      { type: 'mem', data: zkey }, quiet);
    const nanos = Number(process.hrtime.bigint() - started);
    return { proof, publicSignals, proveNanos: nanos };
  }
  if (request.op === 'verify') {
    return { valid: await snarkjs.groth16.verify(vkey, request.publicSignals, request.proof, quiet) };
  }
  throw new Error(`unknown op ${request.op}`);
}

const lines = createInterface({ input: process.stdin, terminal: false });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id;
      process.stdout.write(JSON.stringify({ id, ...(await handle(request)) }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ id, error: String(e?.message ?? e) }) + '\n');
    }
  });
});
lines.on('close', () => queue.then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
