// Patient portal, a proof DAO's page: proves eligibility in this browser. The patient pastes their proving secret
// (zk-secret.json) and the provider-signed attribute (attribute.json); snarkjs (snarkjs.min.js, from the build's npm
// lockfile) computes the Groth16 proof with the circuit's public files served by the node, and the proof with its
// public signals, nothing else, is written into the join form's field. The secret and the attribute are in no form and
// never leave this page. The public statement (kind, range, freshness bound, scope, recipient) is the page's data.
'use strict';
(function () {
  const box = document.getElementById('dao-browser-proving');
  if (!box) { return; }
  const status = document.getElementById('dao-prove-status');
  const button = document.getElementById('dao-prove');
  if (!window.snarkjs) {
    button.disabled = true;
    status.textContent = 'Proving in this browser is not available: snarkjs did not load. Use the command line.';
    return;
  }
  const d = box.dataset;
  let files = null;

  function circuit() {
    if (!files) {
      files = Promise.all([d.wasm, d.zkey].map(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) { throw new Error('cannot load ' + url + ' (HTTP ' + res.status + ')'); }
        return new Uint8Array(await res.arrayBuffer());
      }));
      files.catch(() => { files = null; });
    }
    return files;
  }

  function pasted(id, type, what) {
    let v;
    try {
      v = JSON.parse(document.getElementById(id).value);
    } catch (e) {
      throw new Error(what + ' is not JSON');
    }
    if (!v || v.type !== type) { throw new Error(what + ' is not a ' + type + ' file'); }
    return v;
  }

  // What the circuit would refuse, refused here with a reason (the CLI checks the same before proving).
  function check(secret, a) {
    if (String(a.identity) !== String(secret.identity)) {
      throw new Error('the attribute was signed for another identity than this secret\'s');
    }
    const value = BigInt(a.value);
    if (value < BigInt(d.lo) || value > BigInt(d.hi)) {
      throw new Error('the attribute\'s value is outside what this DAO admits');
    }
    if (BigInt(a.issuedAt) < BigInt(d.notBefore)) {
      throw new Error('the attribute was signed too long ago for this DAO; ask your provider for a fresh one');
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const secret = pasted('zk-secret', 'salus-patient-secret', 'The secret');
      const a = pasted('zk-attribute', 'salus-signed-attribute', 'The attribute');
      check(secret, a);
      status.textContent = 'Loading the circuit…';
      const [wasm, zkey] = await circuit();
      status.textContent = 'Proving in this browser…';
      const input = {
        providerAx: String(a.provider.x), providerAy: String(a.provider.y), kind: d.kind, lo: d.lo, hi: d.hi,
        notBefore: d.notBefore, scope: d.scope, recipient: d.recipient, secret: String(secret.secret),
        value: String(a.value), issuedAt: String(a.issuedAt), sigR8x: String(a.signature.r8x),
        sigR8y: String(a.signature.r8y), sigS: String(a.signature.s),
      };
      const started = performance.now();
      const { proof, publicSignals } = await window.snarkjs.groth16.fullProve(input, { type: 'mem', data: wasm },
        { type: 'mem', data: zkey }, undefined, undefined, { singleThread: true });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      // the verifier's order: a, then each G2 coordinate pair of b swapped, then c
      const flat = [proof.pi_a[0], proof.pi_a[1], proof.pi_b[0][1], proof.pi_b[0][0], proof.pi_b[1][1],
        proof.pi_b[1][0], proof.pi_c[0], proof.pi_c[1]];
      document.getElementById('dao-proof').value = JSON.stringify({ proof: flat, signals: publicSignals }, null, 2);
      status.textContent = 'Proof made in this browser in ' + seconds + ' s. Only the proof above is sent when you '
        + 'join.';
      document.getElementById('dao-join-proof').focus();
    } catch (e) {
      status.textContent = 'No proof: ' + (e && e.message ? e.message : String(e));
    } finally {
      button.disabled = false;
    }
  });
  box.dataset.ready = 'true';
})();
