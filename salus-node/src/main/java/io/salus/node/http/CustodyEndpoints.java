package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.DeviceReads;
import io.salus.core.custody.NodeHoldings;
import io.salus.core.custody.SelfCustodySignUp;
import io.salus.core.custody.SignUpProof;
import io.salus.core.custody.TakeCustody;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Self-custody (docs/custody.md): the sign-up digest a device signs, opening a self-custodied patient from its public
 * keys (operator), what the node holds for the caller, a record sealed to its owner for opening on the device, and an
 * agent-held patient taking custody of their keys.
 */
public final class CustodyEndpoints implements ApiEndpoints {
    private static final HexFormat HEX = HexFormat.of();
    private final SelfCustodySignUp signUp;
    private final DeviceReads reads;
    private final TakeCustody take;
    private final Auth auth;

    public CustodyEndpoints(SelfCustodySignUp signUp, DeviceReads reads, TakeCustody take, Auth auth) {
        this.signUp = signUp;
        this.reads = reads;
        this.take = take;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/custody/sign-up-digest", this::digest);
        r.add(HandlerType.POST, "/custody/accounts", this::open);
        r.add(HandlerType.POST, "/custody/invitations", this::invite);
        r.add(HandlerType.GET, "/accounts/me/custody", this::holdings);
        r.add(HandlerType.GET, "/records/{recordId}/sealed", this::sealed);
        r.add(HandlerType.POST, "/accounts/me/take-custody/digest", this::takeDigest);
        r.add(HandlerType.POST, "/accounts/me/take-custody", this::take);
    }

    record SignUpBody(String displayName, String address, String encryptionPublicKey, String proof,
            String invitation) {
    }

    Result<Reply> digest(Context ctx) {
        return Requests.json(ctx, SignUpBody.class).flatMap(b -> address(b.address())
                .flatMap(a -> hex(b.encryptionPublicKey(), "encryptionPublicKey").map(enc -> Reply.ok(Map.of(
                        "chainId", signUp.chainId(), "digest", SignUpProof.digest(signUp.chainId(), a, enc).hex(),
                        "sign", "sign the digest as is (no EIP-191 prefix) with the wallet key: 65 bytes r||s||v")))));
    }

    Result<Reply> invite(Context ctx) {
        return auth.operator(ctx).map(op -> {
            SelfCustodySignUp.Invitation i = signUp.invite();
            return Reply.json(201, Map.of("invitation", i.code(), "expiresAt", i.expiresAt().toString(), "use",
                    "the patient opens /portal/wallet and enters it; their browser generates and keeps the keys"));
        });
    }

    /** The operator (bearer token) or the holder of an invitation code opens the account. */
    Result<Reply> open(Context ctx) {
        boolean byOperator = ctx.header("Authorization") != null;
        return (byOperator ? auth.operator(ctx).map(op -> true) : Result.ok(true))
                .flatMap(ok -> Requests.json(ctx, SignUpBody.class)).flatMap(b -> {
                    if (!byOperator && (b.invitation() == null || b.invitation().isBlank())) {
                        return Result.fail(Failure.of(ErrorCode.CUSTODY_INVITATION_INVALID,
                                "an invitation code (or the operator's token) is required", "invitation"));
                    }
                    Optional<String> invitation = byOperator ? Optional.empty() : Optional.of(b.invitation().strip());
                    return address(b.address()).flatMap(a -> hex(b.encryptionPublicKey(), "encryptionPublicKey")
                            .flatMap(enc -> hex(b.proof(), "proof").flatMap(proof -> signUp.open(b.displayName(), a,
                                    enc, proof, invitation))));
                })
                .map(opened -> {
                    Map<String, Object> body = new LinkedHashMap<>(Views.account(opened.account()));
                    body.put("custody", "self");
                    body.put("apiToken", opened.apiToken());
                    body.put("registration", "pending: the IdentityRegistry entry follows within seconds");
                    return Reply.json(201, body);
                });
    }

    Result<Reply> holdings(Context ctx) {
        return auth.caller(ctx).flatMap(reads::holdings).map(h -> Reply.ok(view(h)));
    }

    Result<Reply> sealed(Context ctx) {
        return auth.caller(ctx).flatMap(a -> Requests.recordId(ctx, "recordId").flatMap(id -> reads.sealed(a, id)))
                .map(s -> {
                    ctx.header("Cache-Control", "no-store");
                    return Reply.ok(Map.of("recordId", s.id().toString(), "category", s.category(), "resourceType",
                            s.resourceType(), "ciphertext", HEX.formatHex(s.ciphertext()), "wrappedKey",
                            HEX.formatHex(s.wrappedKeyForPatient()), "associatedData",
                            HEX.formatHex(s.associatedData()), "leaf", s.leaf().hex(), "open",
                            "HPKE base mode (DHKEM-X25519-HKDF-SHA256, HKDF-SHA256, AES-256-GCM) of wrappedKey with "
                                    + "info = associatedData gives the data key; AES-256-GCM (iv 12 || ct || tag) "
                                    + "of ciphertext with the same associated data gives the FHIR resource"));
                });
    }

    Result<Reply> takeDigest(Context ctx) {
        return auth.caller(ctx).flatMap(a -> Requests.json(ctx, SignUpBody.class).flatMap(b -> address(b.address())
                .flatMap(n -> hex(b.encryptionPublicKey(), "encryptionPublicKey").map(enc -> Reply.ok(Map.of(
                        "chainId", signUp.chainId(), "oldAddress", a.address().hex(), "digest",
                        take.digest(a, n, enc).hex()))))));
    }

    Result<Reply> take(Context ctx) {
        return auth.caller(ctx).flatMap(a -> Requests.json(ctx, SignUpBody.class).flatMap(b -> address(b.address())
                .flatMap(n -> hex(b.encryptionPublicKey(), "encryptionPublicKey").flatMap(enc -> hex(b.proof(),
                        "proof").flatMap(proof -> take.take(a, n, enc, proof))))))
                .map(t -> Reply.ok(Map.of("custody", "self", "oldAddress", t.oldAddress().hex(), "address",
                        t.newAddress().hex(), "revokedGrants", t.revokedGrants(), "rewrappedRecords",
                        t.rewrappedRecords(), "nodeHoldsPrivateKeys", false, "rotation",
                        "pending: the old key's on-chain rotation to the new one follows within seconds")));
    }

    static Map<String, Object> view(NodeHoldings h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", h.account().toString());
        m.put("custody", h.mode().label());
        m.put("address", h.address().hex());
        m.put("encryptionPublicKey", HEX.formatHex(h.encryptionPublicKey()));
        m.put("signingPublicKey", h.signingPublicKey().map(HEX::formatHex).orElse(null));
        m.put("nodeHoldsSigningPrivateKey", h.holdsSigningPrivateKey());
        m.put("nodeHoldsEncryptionPrivateKey", h.holdsEncryptionPrivateKey());
        return m;
    }

    static Result<EvmAddress> address(String s) {
        try {
            return Result.ok(new EvmAddress(s == null ? "" : s));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "address must be a 0x address", "address"));
        }
    }

    static Result<byte[]> hex(String s, String field) {
        String h = s == null ? "" : s.startsWith("0x") ? s.substring(2) : s;
        Result<byte[]> notHex = Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + " must be hex", field));
        if (h.isEmpty()) {
            return notHex;
        }
        try {
            return Result.ok(HEX.parseHex(h));
        } catch (IllegalArgumentException e) {
            return notHex;
        }
    }
}
