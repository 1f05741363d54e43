package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.Delegations;
import io.salus.core.usecase.consent.CustodialSigner;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Client-side signing: {@code /consents/prepare} returns the EIP-712 digest and typed data (with nonce and deadline) of
 * a grant, revocation or delegation (scopes empty: its revocation) for the caller to sign with a key it holds (a wallet signs the typed data);
 * {@code /consents/signed} relays the signed instruction (the signature is the authorisation).
 * {@code /accounts/me/key-export} hands an account its own keys, so it can sign and open packages without the node;
 * operator and issuer accounts are refused.
 */
public final class ClientSigningEndpoints implements ApiEndpoints {
    private final ConsentService consents;
    private final AccountService accounts;
    private final Delegations delegations;
    private final Clock clock;
    private final Auth auth;

    public ClientSigningEndpoints(ConsentService consents, AccountService accounts, Delegations delegations,
            Clock clock, Auth auth) {
        this.consents = consents;
        this.delegations = delegations;
        this.accounts = accounts;
        this.clock = clock;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/consents/prepare", this::prepare);
        r.add(HandlerType.POST, "/consents/signed", this::relay);
        r.add(HandlerType.POST, "/accounts/me/key-export", this::exportKey);
    }

    record PrepareBody(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId,
            String signer, String delegateId, ConsentRequests.DelegationBody delegation) {
    }

    record SignedBody(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId, String signer,
            Long nonce, String deadline, String signature, String delegateId,
            ConsentRequests.DelegationBody delegation) {
    }

    Result<Reply> prepare(Context ctx) {
        return Requests.json(ctx, PrepareBody.class).flatMap(b -> signer(b.signer()).flatMap(signer -> payload(
                b.action(), b.patientId(), b.grant(), b.grantId(), b.delegateId(), b.delegation()).map(p -> {
                    CustodialSigner.Prepared<?> prepared = consents.prepare(p, signer);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("action", b.action());
                    m.put("signer", signer.hex());
                    m.put("nonce", prepared.unsigned().nonce());
                    m.put("deadline", prepared.unsigned().deadline().toString());
                    m.put("digest", prepared.digest().hex());
                    m.put("typedData", prepared.typedData());
                    m.put("sign", "sign typedData with eth_signTypedData_v4 (a wallet shows what it says), or the "
                            + "32-byte digest itself (no EIP-191 prefix) with secp256k1, low-s, as 65 bytes r||s||v "
                            + "(v = 27 or 28); then POST it to /consents/signed with the same fields");
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
                    b.patientId(), b.grant(), b.grantId(), b.delegateId(), b.delegation()).flatMap(p -> switch (p) {
                        case GrantTerms t -> consents
                                .relayGrant(new Signed<>(t, signer, b.nonce(), deadline, signature))
                                .map(r -> Reply.json(201, Map.of("grantId", r.grantId(), "txHash", r.tx().txHash(),
                                        "block", r.tx().blockNumber())));
                        case Payloads.Revoke r -> consents
                                .relayRevoke(new Signed<>(r, signer, b.nonce(), deadline, signature))
                                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash(), "block",
                                        tx.blockNumber())));
                        case Payloads.Delegate d -> consents
                                .relayDelegate(new Signed<>(d, signer, b.nonce(), deadline, signature))
                                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
                        default -> Result.fail(ErrorCode.INVALID_REQUEST, "unsupported action");
                    }));
        }));
    }

    Result<Reply> exportKey(Context ctx) {
        return auth.caller(ctx).flatMap(accounts::exportKeys).map(k -> {
            ctx.header("Cache-Control", "no-store");
            Reply reply = Reply.ok(Map.of("address", k.address().hex(), "privateKey",
                    "0x" + HexFormat.of().formatHex(k.signingPrivateKey()), "encryptionPrivateKey",
                    "0x" + HexFormat.of().formatHex(k.encryptionPrivateKey()), "warning",
                    "whoever holds these keys can sign for this account and open its packages; keep them offline"));
            Arrays.fill(k.signingPrivateKey(), (byte) 0);
            Arrays.fill(k.encryptionPrivateKey(), (byte) 0);
            return reply;
        });
    }

    private Result<Object> payload(String action, String patientId, ConsentRequests.GrantBody grant, Long grantId,
            String delegateId, ConsentRequests.DelegationBody delegation) {
        if ("delegate".equals(action)) {
            return delegation(patientId, delegateId, delegation);
        }
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
            return ConsentRequests.terms(grant, patient.get(), clock).map(t -> t);
        }
        if ("revoke".equals(action)) {
            if (grantId == null || grantId < 0) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "grantId is required", "grantId"));
            }
            return Result.ok(new Payloads.Revoke(grantId));
        }
        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "action must be grant, revoke or delegate",
                "action"));
    }

    /** The patient's delegation to sign on their device, checked as the custodial path checks it. */
    private Result<Object> delegation(String patientId, String delegateId, ConsentRequests.DelegationBody body) {
        Optional<Account> patient = AccountId.parse(patientId).flatMap(accounts::find);
        Optional<AccountId> delegate = AccountId.parse(delegateId == null ? "" : delegateId);
        if (patient.isEmpty() || delegate.isEmpty() || body == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "patientId, delegateId and delegation "
                    + "(scopes, validUntil) are required", "delegation"));
        }
        return ConsentRequests.scopes(body.scopes()).flatMap(scopes -> (scopes == 0
                ? Result.ok(clock.instant())
                : ConsentRequests.instant(body.validUntil(), "delegation.validUntil")).flatMap(
                        until -> delegations
                                .instruction(patient.get(), patient.get().id(), delegate.get(), scopes, until)
                                .map(d -> d)));
    }

    private static Result<EvmAddress> signer(String s) {
        try {
            return Result.ok(new EvmAddress(s == null ? "" : s));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "signer must be a 0x address", "signer"));
        }
    }
}
