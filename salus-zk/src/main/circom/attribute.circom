pragma circom 2.1.9;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// lo <= value <= hi over numbers of at most `bits` bits; every operand is range-checked first, without which the
// comparators of circomlib are unsound.
template InRange(bits) {
    signal input value;
    signal input lo;
    signal input hi;

    component valueBits = Num2Bits(bits);
    valueBits.in <== value;
    component loBits = Num2Bits(bits);
    loBits.in <== lo;
    component hiBits = Num2Bits(bits);
    hiBits.in <== hi;

    component aboveLo = LessEqThan(bits);
    aboveLo.in[0] <== lo;
    aboveLo.in[1] <== value;
    aboveLo.out === 1;

    component belowHi = LessEqThan(bits);
    belowHi.in[0] <== value;
    belowHi.in[1] <== hi;
    belowHi.out === 1;
}

// A provider signed (EdDSA-Poseidon on BabyJubJub) the commitment
//     Poseidon(Poseidon(secret), kind, value, issuedAt)
// to one attribute of the patient who holds `secret`. This proves, revealing neither the value, the secret, the
// signature nor the exact issuance time:
//   - the signature verifies under the public provider key (providerAx, providerAy);
//   - lo <= value <= hi (equality of a code: lo = hi; a threshold: hi = 2^252 - 1; age: hi = a birth-date cut-off);
//   - issuedAt >= notBefore (freshness: the verifier checks notBefore against its own clock);
//   - nullifier = Poseidon(secret, scope), one per patient and scope;
//   - the proof is bound to the recipient (a constrained public input).
template AttributePredicate() {
    signal input providerAx;
    signal input providerAy;
    signal input kind;
    signal input lo;
    signal input hi;
    signal input notBefore;
    signal input scope;
    signal input recipient;

    signal input secret;
    signal input value;
    signal input issuedAt;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;

    signal output nullifier;

    component identity = Poseidon(1);
    identity.inputs[0] <== secret;

    component commitment = Poseidon(4);
    commitment.inputs[0] <== identity.out;
    commitment.inputs[1] <== kind;
    commitment.inputs[2] <== value;
    commitment.inputs[3] <== issuedAt;

    component signature = EdDSAPoseidonVerifier();
    signature.enabled <== 1;
    signature.Ax <== providerAx;
    signature.Ay <== providerAy;
    signature.S <== sigS;
    signature.R8x <== sigR8x;
    signature.R8y <== sigR8y;
    signature.M <== commitment.out;

    component predicate = InRange(252);
    predicate.value <== value;
    predicate.lo <== lo;
    predicate.hi <== hi;

    component issuedBits = Num2Bits(64);
    issuedBits.in <== issuedAt;
    component notBeforeBits = Num2Bits(64);
    notBeforeBits.in <== notBefore;
    component fresh = LessEqThan(64);
    fresh.in[0] <== notBefore;
    fresh.in[1] <== issuedAt;
    fresh.out === 1;

    component nullifierHash = Poseidon(2);
    nullifierHash.inputs[0] <== secret;
    nullifierHash.inputs[1] <== scope;
    nullifier <== nullifierHash.out;

    // Constrains the recipient so that no optimisation can drop it from the proof's public inputs.
    signal recipientSquare;
    recipientSquare <== recipient * recipient;
}

component main {public [providerAx, providerAy, kind, lo, hi, notBefore, scope, recipient]} = AttributePredicate();
