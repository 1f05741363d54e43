package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.AccountService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Consents, delegations, issuers and attestations, consented access, the access log and its verification. */
final class ConsentEndpoints {
    private final ConsentApi api;
    private final AccountService accounts;
    private final Auth auth;

    ConsentEndpoints(ConsentApi api, AccountService accounts, Auth auth) {
        this.api = api;
        this.accounts = accounts;
        this.auth = auth;
    }

    private Result<Account> account(Context ctx, String param) {
        return Requests.accountId(ctx, param).flatMap(id -> accounts.find(id).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id)));
    }

    Result<Reply> grant(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> account(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, ConsentRequests.GrantBody.class)
                .flatMap(b -> ConsentRequests.terms(b, patient, api.clock()))
                .flatMap(terms -> api.consents().grantCustodial(actor, terms))
                .map(r -> Reply.json(201, Map.of("grantId", r.grantId(), "txHash", r.tx().txHash(), "block",
                        r.tx().blockNumber())))));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> api.consents().list(actor, p))
                .map(gs -> Reply.ok(Map.of("grants", gs.stream().map(ConsentViews::grant).toList()))));
    }

    Result<Reply> revoke(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> grantId(ctx).flatMap(id -> api.consents().revokeCustodial(actor, id))
                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash(), "block", tx.blockNumber()))));
    }

    Result<Reply> trustIssuer(Context ctx) {
        return auth.operator(ctx).flatMap(op -> account(ctx, "issuerId").flatMap(issuer -> Requests
                .json(ctx, ConsentRequests.TrustBody.class)
                .flatMap(b -> ConsentRequests.names(b.types(), "types", AttestationType.class, AttestationType::parse))
                .flatMap(types -> api.attestations().trust(op, issuer, AttestationType.maskOf(types)))
                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash(), "block", tx.blockNumber())))));
    }

    Result<Reply> attest(Context ctx) {
        return auth.caller(ctx).flatMap(issuer -> Requests.json(ctx, ConsentRequests.AttestBody.class).flatMap(b -> {
            Optional<AccountId> subjectId = AccountId.parse(b.subjectId());
            Optional<Account> subject = subjectId.flatMap(accounts::find);
            if (subject.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.ACCOUNT_NOT_FOUND, "no subject account", "subjectId"));
            }
            Optional<AttestationType> type = AttestationType.parse(b.type());
            if (type.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "unknown attestation type", "type"));
            }
            return ConsentRequests.names(b.purposes(), "purposes", Purpose.class, Purpose::parse)
                    .flatMap(ps -> (b.validFrom() == null
                            ? Result.ok(api.clock().instant())
                            : ConsentRequests.instant(b.validFrom(), "validFrom"))
                            .flatMap(from -> ConsentRequests.instant(b.validUntil(), "validUntil")
                                    .flatMap(until -> api.attestations().attest(issuer, new Payloads.Attest(
                                            subject.get().address(), type.get(), Purpose.maskOf(ps), from, until)))));
        }).map(r -> Reply.json(201, Map.of("attestationId", r.attestationId(), "txHash", r.tx().txHash()))));
    }

    Result<Reply> revokeAttestation(Context ctx) {
        return auth.caller(ctx).flatMap(issuer -> longParam(ctx, "attestationId")
                .flatMap(id -> api.attestations().revoke(issuer, id))
                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash()))));
    }

    Result<Reply> attestations(Context ctx) {
        return account(ctx, "accountId").map(a -> Reply.ok(Map.of("attestations",
                api.attestations().of(a.address()).stream().map(ConsentViews::attestation).toList())));
    }

    Result<Reply> access(Context ctx) {
        return auth.caller(ctx).flatMap(requester -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, ConsentRequests.AccessBody.class).flatMap(b -> {
                    Optional<Purpose> purpose = Purpose.parse(b.purpose());
                    if (purpose.isEmpty()) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                                "purpose must be a PurposeOfUse code such as HRESCH", "purpose"));
                    }
                    List<Category> cats = new ArrayList<>();
                    if (b.categories() != null && !b.categories().isEmpty()) {
                        var parsed = ConsentRequests.names(b.categories(), "categories", Category.class,
                                Category::parse);
                        if (!parsed.isOk()) {
                            return Result.fail(parsed.failure());
                        }
                        cats.addAll(parsed.orElseThrow());
                    }
                    return api.access().request(requester, patient, purpose.get(), cats);
                })).map(r -> Reply.ok(ConsentViews.release(r))));
    }

    Result<Reply> accessLog(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(p -> {
            if (!actor.id().equals(p) && actor.kind() != AccountKind.AUDITOR && actor.kind() != AccountKind.OPERATOR) {
                return Result.fail(ErrorCode.FORBIDDEN, "only the patient, an auditor or the operator");
            }
            return Result.ok(Reply.ok(Map.of("entries",
                    api.audit().forPatient(p, limit(ctx)).stream().map(ConsentViews::audit).toList())));
        }));
    }

    Result<Reply> verifyPatient(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> api.verifier().forPatient(actor, p, limit(ctx))).map(ConsentEndpoints::checks));
    }

    Result<Reply> verifyRequester(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "requesterId")
                .flatMap(r -> api.verifier().forRequester(actor, r, limit(ctx))).map(ConsentEndpoints::checks));
    }

    Result<Reply> rebuild(Context ctx) {
        return auth.operator(ctx).map(op -> Reply.ok(Map.of("syncedBlock", api.sync().rebuild())));
    }

    private static Reply checks(List<io.salus.core.usecase.consent.AuditVerifier.Check> cs) {
        Map<String, Object> m = new LinkedHashMap<>();
        long bad = cs.stream().filter(c -> c.status() == io.salus.core.usecase.consent.AuditVerifier.Status.MISMATCH
                || c.status() == io.salus.core.usecase.consent.AuditVerifier.Status.MISSING_ON_CHAIN).count();
        m.put("entries", cs.size());
        m.put("mismatches", bad);
        m.put("verified", bad == 0);
        m.put("checks", cs.stream().map(ConsentViews::check).toList());
        return Reply.ok(m);
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        try {
            return l == null ? 200 : Math.max(1, Math.min(1000, Integer.parseInt(l)));
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    private static Result<Long> grantId(Context ctx) {
        return longParam(ctx, "grantId");
    }

    private static Result<Long> longParam(Context ctx, String name) {
        try {
            long v = Long.parseLong(ctx.pathParam(name));
            return v < 0
                    ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, name + " must be positive", name))
                    : Result.ok(v);
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, name + " must be a number", name));
        }
    }
}
