// Test vectors from circomlibjs (and its blake-hash) for the Java implementation: reads one JSON request on stdin
//   {"poseidon": [["1","2"], ...], "blake512": ["<hex>", ...], "eddsa": [{"key": "<hex 32 bytes>", "msg": "<decimal>"}]}
// and writes {"poseidon": ["<decimal>", ...], "blake512": ["<hex>", ...],
//             "eddsa": [{"ax", "ay", "r8x", "r8y", "s", "valid"}]} to stdout.
import { buildEddsa, buildPoseidon } from 'circomlibjs';
import createBlakeHash from 'blake-hash';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const req = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const poseidon = await buildPoseidon();
const eddsa = await buildEddsa();
const F = poseidon.F;

const out = {
  poseidon: (req.poseidon ?? []).map((inputs) => F.toObject(poseidon(inputs.map((x) => BigInt(x)))).toString()),
  blake512: (req.blake512 ?? []).map((hex) => createBlakeHash('blake512').update(Buffer.from(hex, 'hex')).digest('hex')),
  eddsa: (req.eddsa ?? []).map(({ key, msg }) => {
    const prv = Buffer.from(key, 'hex');
    const A = eddsa.prv2pub(prv);
    const m = eddsa.babyJub.F.e(BigInt(msg));
    const sig = eddsa.signPoseidon(prv, m);
    return {
      ax: F.toObject(A[0]).toString(), ay: F.toObject(A[1]).toString(),
      r8x: F.toObject(sig.R8[0]).toString(), r8y: F.toObject(sig.R8[1]).toString(), s: sig.S.toString(),
      valid: eddsa.verifyPoseidon(m, sig, A),
    };
  }),
};
process.stdout.write(JSON.stringify(out));
process.exit(0);
