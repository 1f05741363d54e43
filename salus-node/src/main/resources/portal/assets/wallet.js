// The self-custody wallet (docs/custody.md). Keys are generated here and never leave the browser unencrypted: the
// secp256k1 key (@noble/curves) signs EIP-712 consents and revocations, the X25519 key opens the patient's own records
// (HPKE, RFC 9180, base mode, DHKEM-X25519-HKDF-SHA256 / HKDF-SHA256 / AES-256-GCM, as the node seals them). Both are
// kept in localStorage encrypted under the passphrase (PBKDF2-SHA256 then AES-256-GCM, WebCrypto), with the API token.
import { secp256k1 } from './noble-curves-secp256k1.js';
import { x25519 } from './noble-curves-ed25519.js';
import { keccak_256 } from './noble-hashes-sha3.js';
import { sha256 } from './noble-hashes-sha2.js';
import { extract, expand } from './noble-hashes-hkdf.js';

const STORE = 'salus-wallet';
const te = new TextEncoder();
const $ = (id) => document.getElementById(id);
const root = $('wallet');
let wallet = null; // { sk, xsk, token, id, address } once unlocked

const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h) => {
  const s = h.startsWith('0x') ? h.slice(2) : h;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
  return out;
};
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const i2osp = (n, len) => {
  const b = new Uint8Array(len);
  let v = BigInt(n);
  for (let i = len - 1; i >= 0; i--) { b[i] = Number(v & 0xffn); v >>= 8n; }
  return b;
};
const status = (text) => { $('wallet-status').textContent = text; };

function addressOf(sk) {
  return '0x' + hex(keccak_256(secp256k1.getPublicKey(sk, false).slice(1)).slice(12));
}

/** 65 bytes r ‖ s ‖ v (v = 27/28), low s, over the digest as is: what the contracts and the node accept. */
function signDigest(digest) {
  const rec = secp256k1.sign(digest, wallet.sk, { prehash: false, lowS: true, format: 'recovered' });
  return '0x' + hex(concat(rec.slice(1, 65), Uint8Array.of(27 + rec[0])));
}

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (wallet && wallet.token) headers.Authorization = 'Bearer ' + wallet.token;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = r.headers.get('content-type')?.includes('json') ? await r.json() : {};
  if (!r.ok) throw new Error((json.code ? json.code + ': ' : '') + (json.detail || r.status));
  return json;
}

// --- the keys at rest: PBKDF2 + AES-GCM under the passphrase --------------------------------------------------------
async function passphraseKey(passphrase, salt) {
  const base = await crypto.subtle.importKey('raw', te.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 310000 }, base,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function seal(passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = te.encode(JSON.stringify({ sk: hex(wallet.sk), xsk: hex(wallet.xsk), token: wallet.token,
    id: wallet.id }));
  const key = await passphraseKey(passphrase, salt);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: te.encode(wallet.address) },
    key, plain));
  const sealed = JSON.stringify({ format: 'salus-browser-wallet/1', address: wallet.address, salt: hex(salt),
    iv: hex(iv), ciphertext: hex(ct) });
  localStorage.setItem(STORE, sealed);
  return sealed;
}

async function unseal(passphrase) {
  const s = JSON.parse(localStorage.getItem(STORE));
  const key = await passphraseKey(passphrase, unhex(s.salt));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unhex(s.iv), additionalData: te.encode(s.address) },
    key, unhex(s.ciphertext));
  const k = JSON.parse(new TextDecoder().decode(plain));
  wallet = { sk: unhex(k.sk), xsk: unhex(k.xsk), token: k.token, id: k.id, address: s.address };
  return s;
}

// --- HPKE base mode open, RFC 9180 --------------------------------------------------------------------------------
const V1 = te.encode('HPKE-v1');
const KEM = concat(te.encode('KEM'), i2osp(0x20, 2));
const SUITE = concat(te.encode('HPKE'), i2osp(0x20, 2), i2osp(1, 2), i2osp(2, 2));
const EMPTY = new Uint8Array(0);
const labeledExtract = (suite, salt, label, ikm) => extract(sha256, concat(V1, suite, te.encode(label), ikm), salt);
const labeledExpand = (suite, prk, label, info, n) =>
  expand(sha256, prk, concat(i2osp(n, 2), V1, suite, te.encode(label), info), n);

async function aesGcmOpen(key, iv, data, aad) {
  const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, data));
}

async function hpkeOpen(xsk, wrapped, info) {
  const enc = wrapped.slice(0, 32);
  const dh = x25519.getSharedSecret(xsk, enc);
  const eae = labeledExtract(KEM, EMPTY, 'eae_prk', dh);
  const shared = labeledExpand(KEM, eae, 'shared_secret', concat(enc, x25519.getPublicKey(xsk)), 32);
  const context = concat(Uint8Array.of(0), labeledExtract(SUITE, EMPTY, 'psk_id_hash', EMPTY),
    labeledExtract(SUITE, EMPTY, 'info_hash', info));
  const secret = labeledExtract(SUITE, shared, 'secret', EMPTY);
  return aesGcmOpen(labeledExpand(SUITE, secret, 'key', context, 32),
    labeledExpand(SUITE, secret, 'base_nonce', context, 12), wrapped.slice(32), EMPTY);
}

async function openRecord(s) {
  const aad = unhex(s.associatedData);
  const dataKey = await hpkeOpen(wallet.xsk, unhex(s.wrappedKey), aad);
  const ct = unhex(s.ciphertext);
  return new TextDecoder().decode(await aesGcmOpen(dataKey, ct.slice(0, 12), ct.slice(12), aad));
}

async function hpkeSeal(pkR, plain, info) {
  const skE = x25519.utils.randomSecretKey();
  const enc = x25519.getPublicKey(skE);
  const dh = x25519.getSharedSecret(skE, pkR);
  const eae = labeledExtract(KEM, EMPTY, 'eae_prk', dh);
  const shared = labeledExpand(KEM, eae, 'shared_secret', concat(enc, pkR), 32);
  const context = concat(Uint8Array.of(0), labeledExtract(SUITE, EMPTY, 'psk_id_hash', EMPTY),
    labeledExtract(SUITE, EMPTY, 'info_hash', info));
  const secret = labeledExtract(SUITE, shared, 'secret', EMPTY);
  const k = await crypto.subtle.importKey('raw', labeledExpand(SUITE, secret, 'key', context, 32), 'AES-GCM', false,
    ['encrypt']);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: labeledExpand(SUITE, secret, 'base_nonce', context, 12),
    additionalData: EMPTY }, k, plain);
  return concat(enc, new Uint8Array(ct));
}

// --- Shamir over GF(2^8) (AES polynomial 0x11B, generator 3), as io.salus.core.recovery.Shamir ----------------------
const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x = (x ^ (x << 1) ^ ((x & 0x80) ? 0x11b : 0)) & 0xff;
}
for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255];
const gfMul = (a, b) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);

/** n shares (x = 1..n, each x ‖ y) of the secret, any k of which give it back. */
function shamirSplit(secret, k, n) {
  const ys = Array.from({ length: n }, () => new Uint8Array(secret.length));
  for (let b = 0; b < secret.length; b++) {
    const coefficients = concat(Uint8Array.of(secret[b]), crypto.getRandomValues(new Uint8Array(k - 1)));
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let c = k - 1; c >= 0; c--) y = gfMul(y, i + 1) ^ coefficients[c];
      ys[i][b] = y;
    }
    coefficients.fill(0);
  }
  return ys.map((y, i) => concat(Uint8Array.of(i + 1), y));
}

// --- EIP-712, computed here from the typed data (never trusting the node's digest) -----------------------------------
function encodeValue(type, v) {
  if (type === 'string') return keccak_256(te.encode(v));
  if (type === 'address') return concat(new Uint8Array(12), unhex(v));
  if (type.startsWith('uint')) return i2osp(BigInt(v), 32);
  throw new Error('unsupported EIP-712 type ' + type);
}

function hashStruct(types, name, data) {
  const type = name + '(' + types[name].map((f) => f.type + ' ' + f.name).join(',') + ')';
  return keccak_256(concat(keccak_256(te.encode(type)), ...types[name].map((f) => encodeValue(f.type, data[f.name]))));
}

function typedDataHash(td) {
  return keccak_256(concat(Uint8Array.of(0x19, 0x01), hashStruct(td.types, 'EIP712Domain', td.domain),
    hashStruct(td.types, td.primaryType, td.message)));
}

// GuardianRecovery's instructions (domain "Salus Recovery" version 1), encoded as the contract does.
const word = (a) => concat(new Uint8Array(12), unhex(a));
const uint = (v) => i2osp(BigInt(v), 32);
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);

function recoveryDigest(p, type, fields) {
  const domain = hashStruct({ EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }] }, 'EIP712Domain',
  { name: 'Salus Recovery', version: '1', chainId: p.chainId, verifyingContract: p.contract });
  return keccak_256(concat(Uint8Array.of(0x19, 0x01), domain, keccak_256(concat(keccak_256(te.encode(type)),
    ...fields))));
}

// --- what a signature says, in words, decoded from the signed fields -------------------------------------------------
const table = (attr) => root.dataset[attr].split('|').map((e) => e.split(':'));
const lower = (n) => n.toLowerCase().replaceAll('_', ' ');
const decode = (entries, mask, word) => entries.filter((e) => (BigInt(mask) >> BigInt(e[1])) & 1n).map(word).join(', ');
const when = (s) => new Date(Number(s) * 1000).toISOString();

function inWords(td) {
  const m = td.message;
  if (td.primaryType === 'Delegate') {
    const scopes = ['view your records', 'grant and revoke consents for you', 'receive your alerts']
      .filter((_, i) => (Number(m.scopes) >> i) & 1);
    return Number(m.scopes) === 0
      ? `You revoke the delegation to ${m.delegate}: from the next block it may no longer act for you.`
      : `You let ${m.delegate} ${scopes.join(', ')}, until ${when(m.validUntil)}. Signed by patient ${m.patient}.`;
  }
  if (td.primaryType === 'Revoke') {
    return `You revoke consent ${m.grantId}: from the next block it allows no new access. Signed by ${m.signer}.`;
  }
  const who = decode(table('types'), m.attestationTypes, (e) => lower(e[0]));
  const what = decode(table('categories'), m.categories, (e) => lower(e[0]));
  const why = decode(table('purposes'), m.purposes, (e) => e[2]);
  return `You allow ${who} to use your ${what} for ${why}, from ${when(m.validFrom)} until ${when(m.validUntil)}, `
    + `at a price of at least ${m.minPrice} per patient. Signed by ${m.signer} for patient ${m.patient}.`;
}

// --- the journeys -------------------------------------------------------------------------------------------------
async function nameGuardians() {
  const guardians = $('guardian-ids').value.split(/\s+/).filter((g) => g);
  const threshold = Number($('guardian-threshold').value);
  const path = `/patients/${wallet.id}/guardians`;
  const plan = await api('POST', path + '/device-plan', { guardians, threshold });
  if (plan.patient !== wallet.address || plan.guardians.length !== guardians.length) {
    throw new Error('the node planned other guardians than you named; nothing was sealed');
  }
  const secret = concat(wallet.sk, wallet.xsk);
  const shares = shamirSplit(secret, threshold, guardians.length);
  secret.fill(0);
  const sealed = [];
  for (let i = 0; i < shares.length; i++) {
    const g = plan.guardians[i];
    sealed.push(await hpkeSeal(unhex(g.encryptionPublicKey), shares[i], unhex(g.shareContext)));
    shares[i].fill(0);
  }
  const digest = recoveryDigest(plan, 'SetGuardians(address patient,address[] guardians,bytes32[] shareHashes,'
    + 'uint8 threshold,uint256 nonce,uint256 deadline)', [word(wallet.address),
    keccak_256(concat(...plan.guardians.map((g) => word(g.address)))),
    keccak_256(concat(...sealed.map((c) => keccak_256(c)))), uint(threshold), uint(plan.nonce),
    uint(seconds(plan.deadline))]);
  const set = await api('PUT', path + '/signed', { guardians, threshold, shares: sealed.map(hex), nonce: plan.nonce,
    deadline: plan.deadline, signature: signDigest(digest) });
  status(`Guardians named: ${set.guardians.length}, any ${set.threshold} of whom can let your keys be recovered. `
    + 'Each holds a share sealed in this browser to their own key; the bank cannot open them.');
}

let approval = null;

async function prepareApproval() {
  const rid = $('approve-recovery-id').value.trim();
  const p = await api('POST', `/recoveries/${rid}/device-approvals/prepare`, {});
  const target = p.newAddress ? keccak_256(concat(unhex(p.newAddress), unhex(p.newEncryptionPublicKey)))
    : keccak_256(unhex(p.newEncryptionPublicKey));
  const digest = recoveryDigest(p, 'Approve(uint256 requestId,address guardian,bytes32 newKeyHash,uint256 nonce,'
    + 'uint256 deadline)', [uint(p.requestId), word(wallet.address), target, uint(p.nonce), uint(seconds(p.deadline))]);
  if ('0x' + hex(digest) !== p.digest || p.guardian !== wallet.address) {
    throw new Error('the node\'s approval is not of the device it names, or not yours; nothing was signed');
  }
  approval = { rid, p, digest };
  $('approve-words').textContent = `You approve the recovery ${rid} of a patient's keys to the new device `
    + `${p.newAddress || '(a key the bank made)'}. Approve only if the patient told you this address themselves.`;
  $('approve-review').hidden = false;
}

async function signApproval() {
  const { rid, p, digest } = approval;
  const share = await hpkeOpen(wallet.xsk, unhex(p.sealedShare), unhex(p.shareContext));
  const resealed = await hpkeSeal(unhex(p.newEncryptionPublicKey), share, unhex(p.approvalContext));
  share.fill(0);
  const s = await api('POST', `/recoveries/${rid}/device-approvals`, { nonce: p.nonce, deadline: p.deadline,
    signature: signDigest(digest), resealed: hex(resealed) });
  approval = null;
  $('approve-review').hidden = true;
  status(`Recovery approved, signed in this browser (${s.approvalsOnChain} of ${s.threshold}).`);
}

let pending = null;

async function prepare(request) {
  const p = await api('POST', '/consents/prepare', request);
  const local = '0x' + hex(typedDataHash(p.typedData));
  const m = p.typedData.message;
  const signer = p.typedData.primaryType === 'Delegate' ? m.patient : m.signer;
  if (local !== p.digest || signer !== wallet.address
    || (p.typedData.primaryType === 'Grant' && m.patient !== wallet.address)) {
    throw new Error('the node prepared something other than what you asked for; nothing was signed');
  }
  pending = { request, prepared: p, digest: unhex(local) };
  $('review-words').textContent = inWords(p.typedData);
  $('review').hidden = false;
}

async function signPending() {
  const { request, prepared, digest } = pending;
  const r = await api('POST', '/consents/signed', { ...request, nonce: prepared.nonce, deadline: prepared.deadline,
    signature: signDigest(digest) });
  pending = null;
  $('review').hidden = true;
  status(request.action === 'grant' ? `Consent ${r.grantId} granted, signed in this browser.`
    : request.action === 'delegate' ? 'Delegation signed in this browser.'
      : 'Consent revoked, signed in this browser.');
  await showGrants();
}

async function showGrants() {
  const { grants } = await api('GET', `/patients/${wallet.id}/consents`);
  const list = $('grants');
  list.replaceChildren(...grants.map((g) => {
    const li = document.createElement('li');
    li.dataset.grant = g.grantId;
    li.textContent = `Consent ${g.grantId}: ${g.summary} `;
    if (g.revokedAtBlock === undefined) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'revoke';
      b.textContent = `Revoke consent ${g.grantId}`;
      b.addEventListener('click', () => run(() => prepare({ action: 'revoke', grantId: g.grantId,
        signer: wallet.address })));
      li.append(b);
    }
    return li;
  }));
}

async function showRecords() {
  const { records } = await api('GET', `/patients/${wallet.id}/records`);
  $('records').replaceChildren(...records.map((r) => {
    const li = document.createElement('li');
    li.textContent = `${r.resourceType} (${lower(r.category)}) `;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'decrypt';
    b.dataset.record = r.id;
    b.textContent = 'Decrypt in this browser';
    const out = document.createElement('pre');
    out.className = 'record-plain';
    b.addEventListener('click', () => run(async () => {
      out.textContent = await openRecord(await api('GET', `/records/${r.id}/sealed`));
    }));
    li.append(b, out);
    return li;
  }));
}

async function showAccount(sealed) {
  $('signup').hidden = true;
  $('unlock').hidden = true;
  $('restore').hidden = true;
  for (const id of ['account', 'records-section', 'consent-section', 'recovery-section']) $(id).hidden = false;
  $('account-id').textContent = wallet.id;
  $('account-address').textContent = wallet.address;
  $('backup').href = URL.createObjectURL(new Blob([sealed], { type: 'application/json' }));
  const h = await api('GET', '/accounts/me/custody');
  $('holdings').textContent = `Custody: ${h.custody}. The bank holds your address and your public encryption key; `
    + `it holds a private signing key: ${h.nodeHoldsSigningPrivateKey ? 'yes' : 'no'}, `
    + `a private decryption key: ${h.nodeHoldsEncryptionPrivateKey ? 'yes' : 'no'}.`;
  await showRecords();
  await showGrants();
}

async function create() {
  const passphrase = $('passphrase').value;
  if (passphrase.length < 8) throw new Error('choose a passphrase of at least 8 characters');
  const sk = secp256k1.utils.randomSecretKey();
  const xsk = x25519.utils.randomSecretKey();
  const address = addressOf(sk);
  const encryptionPublicKey = hex(x25519.getPublicKey(xsk));
  const d = await api('POST', '/custody/sign-up-digest', { address, encryptionPublicKey });
  const digest = keccak_256(concat(te.encode('salus-self-custody-v1'), i2osp(d.chainId, 8), unhex(address),
    unhex(encryptionPublicKey)));
  if ('0x' + hex(digest) !== d.digest) throw new Error('the node\'s sign-up digest differs from this browser\'s');
  wallet = { sk, xsk, address, token: null, id: null };
  const opened = await api('POST', '/custody/accounts', { displayName: $('display-name').value, address,
    encryptionPublicKey, proof: signDigest(digest), invitation: $('invitation').value });
  wallet.token = opened.apiToken;
  wallet.id = opened.id;
  const sealed = await seal(passphrase);
  status('Your keys were made in this browser; the bank received only your public keys.');
  await showAccount(sealed);
}

async function run(step) {
  try {
    await step();
  } catch (e) {
    status('Not done: ' + e.message);
  }
}

$('create').addEventListener('click', () => run(create));
$('unlock-button').addEventListener('click', () => run(async () => {
  const s = await unseal($('unlock-passphrase').value);
  await showAccount(JSON.stringify(s));
}));
$('refresh-records').addEventListener('click', () => run(showRecords));
$('restore-button').addEventListener('click', () => run(async () => {
  const file = $('restore-file').files[0];
  if (!file) throw new Error('choose your backup file');
  const text = await file.text();
  const s = JSON.parse(text);
  if (s.format !== 'salus-browser-wallet/1' || !/^0x[0-9a-f]{40}$/.test(s.address) || !s.salt || !s.iv
    || !s.ciphertext) {
    throw new Error('this is not a Salus wallet backup');
  }
  if (localStorage.getItem(STORE) && JSON.parse(localStorage.getItem(STORE)).address !== s.address) {
    throw new Error('this browser holds another wallet; it is not replaced');
  }
  localStorage.setItem(STORE, text);
  $('signup').hidden = true;
  $('unlock').hidden = false;
  status(`Backup of ${s.address} restored: unlock it with its passphrase.`);
}));
$('grant-prepare').addEventListener('click', () => run(() => {
  const days = Number($('grant-days').value);
  const from = new Date();
  return prepare({ action: 'grant', patientId: wallet.id, signer: wallet.address, grant: {
    categories: [$('grant-category').value], consumerTypes: [$('grant-type').value],
    purposes: [$('grant-purpose').value], validFrom: from.toISOString(),
    validUntil: new Date(from.getTime() + days * 86400000).toISOString() } });
}));
$('review-sign').addEventListener('click', () => run(signPending));
$('guardians-set').addEventListener('click', () => run(nameGuardians));
$('delegate-prepare').addEventListener('click', () => run(() => prepare({ action: 'delegate', patientId: wallet.id,
  signer: wallet.address, delegateId: $('delegate-id').value.trim(), delegation: {
    scopes: ['VIEW_RECORDS', 'MANAGE_CONSENT', 'RECEIVE_ALERTS'].filter((sc) => $('scope-' + sc).checked),
    validUntil: new Date(Date.now() + Number($('delegate-days').value) * 86400000).toISOString() } })));
$('approve-prepare').addEventListener('click', () => run(prepareApproval));
$('approve-sign').addEventListener('click', () => run(signApproval));
$('review-cancel').addEventListener('click', () => { pending = null; $('review').hidden = true; });
if (localStorage.getItem(STORE)) {
  $('signup').hidden = true;
  $('unlock').hidden = false;
}
root.dataset.ready = 'true';
