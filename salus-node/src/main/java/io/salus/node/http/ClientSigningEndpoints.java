package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.consent.CustodialSigner;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Client-side signing: {@code /consents/prepare} returns the EIP-712 digest (with nonce and deadline) of a grant or
 * revocation for the caller to sign with a key it holds; {@code /consents/signed} relays the signed instruction (the
 * signature is the authorisation). {@code /accounts/me/key-export} hands an account its own keys, so it can sign and
 * open packages without the node; operator and issuer accounts are refused.
 */
final class ClientSigningEndpoints {
    private final ConsentApi api;
    private final AccountService accounts;
    private final AccountStore store;
    private final io.salus.crypto.TinkKeyManager keys;
    private final Auth auth;

    ClientSigningEndpoints(ConsentApi api, AccountService accounts, AccountStore store,
            io.salus.crypto.TinkKeyManager keys, Auth auth) {
        this.api = api;
        this.accounts = accounts;
        this.store = store;
        this.keys = keys;
        this.auth = auth;
    }

    record PrepareBody(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId,
            String signer) {
    }

    record SignedBody(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId, String signer,
            Long nonce, String deadline, String signature) {
    }

    Result<Reply> prepare(Context ctx) {
        return Requests.json(ctx, PrepareBody.class).flatMap(b -> signer(b.signer()).flatMap(signer -> payload(
                b.action(), b.patientId(), b.grant(), b.grantId()).map(p -> {
                    CustodialSigner.Prepared<?> prepared = api.consents().prepare(p, signer);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("action", b.action());
                    m.put("signer", signer.hex());
                    m.put("nonce", prepared.unsigned().nonce());
                    m.put("deadline", prepared.unsigned().deadline().toString());
                    m.put("digest", prepared.digest().hex());
                    m.put("sign", "sign the 32-byte digest itself (no EIP-191 prefix) with secp256k1, low-s, as "
                            + "65 bytes r||s||v (v = 27 or 28), then POST it to /consents/signed with the same fields");
                    return Reply.ok(m);
                })));
    }

    Result<Reply> relay(Context ctx) {
        return Requests.json(ctx, SignedBody.class).flatMap(b -> signer(b.signer()).flatMap(signer -> {
            if (b.nonce() == null || b.signature() == null) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "nonce and signature are required",
                        b.nonce() == null ? "nonce" : "signature"));
            }
            byte[] sig;
            try {
                String h = b.signature().startsWith("0x") ? b.signature().substring(2) : b.signature();
                sig = HexFormat.of().parseHex(h);
            } catch (IllegalArgumentException e) {
                return Result.fail(Failure.of(ErrorCode.INVALID_SIGNATURE, "signature is not hex", "signature"));
            }
            byte[] signature = sig;
            return ConsentRequests.instant(b.deadline(), "deadline").flatMap(deadline -> payload(b.action(),
                    b.patientId(), b.grant(), b.grantId()).flatMap(p -> switch (p) {
                        case GrantTerms t -> api.consents()
                                .relayGrant(new Signed<>(t, signer, b.nonce(), deadline, signature))
                                .map(r -> Reply.json(201, Map.of("grantId", r.grantId(), "txHash", r.tx().txHash(),
                                        "block", r.tx().blockNumber())));
                        case Payloads.Revoke r -> api.consents()
                                .relayRevoke(new Signed<>(r, signer, b.nonce(), deadline, signature))
                                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash(), "block",
                                        tx.blockNumber())));
                        default -> Result.fail(ErrorCode.INVALID_REQUEST, "unsupported action");
                    }));
        }));
    }

    Result<Reply> exportKey(Context ctx) {
        return auth.caller(ctx).flatMap(me -> {
            if (me.kind() == AccountKind.OPERATOR || me.kind() == AccountKind.ISSUER) {
                return Result.fail(ErrorCode.KEY_EXPORT_REFUSED, "a " + me.kind() + " account's key stays in the "
                        + "node: an issuer's key signs credentials, and the operator's bearer token must not carry "
                        + "a key anyone could use on chain");
            }
            Optional<AccountStore.SealedKeys> sealed = store.sealedKeys(me.id());
            if (sealed.isEmpty()) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
            }
            return keys.unsealSigningKey(me.address(), sealed.get().signingPrivateKey())
                    .flatMap(k -> keys.unsealEncryptionKey(sealed.get().encryptionPrivateKey()).map(e -> {
                        ctx.header("Cache-Control", "no-store");
                        return Reply.ok(Map.of("address", me.address().hex(), "privateKey",
                                "0x" + HexFormat.of().formatHex(k), "encryptionPrivateKey",
                                "0x" + HexFormat.of().formatHex(e), "warning",
                                "whoever holds these keys can sign for this account and open its packages; keep "
                                        + "them offline"));
                    }));
        });
    }

    private Result<Object> payload(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId) {
        if ("grant".equals(action)) {
            Optional<Account> patient = AccountId.parse(patientId).flatMap(accounts::find);
            if (patient.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId, "patientId"));
            }
            if (grant == null) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "grant terms are required", "grant"));
            }
            if (grant.validFrom() == null) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                        "validFrom is required when signing client-side (the signed terms must not change)",
                        "grant.validFrom"));
            }
            return ConsentRequests.terms(grant, patient.get(), api.clock()).map(t -> t);
        }
        if ("revoke".equals(action)) {
            if (grantId == null || grantId < 0) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "grantId is required", "grantId"));
            }
            return Result.ok(new Payloads.Revoke(grantId));
        }
        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "action must be grant or revoke", "action"));
    }

    private static Result<EvmAddress> signer(String s) {
        try {
            return Result.ok(new EvmAddress(s == null ? "" : s));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "signer must be a 0x address", "signer"));
        }
    }
}
