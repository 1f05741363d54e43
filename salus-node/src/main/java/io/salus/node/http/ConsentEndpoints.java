package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Consents (custodial grants and revocations), trusted issuers and their attestations. */
public final class ConsentEndpoints implements ApiEndpoints {
    private final ConsentService consents;
    private final AttestationService attestations;
    private final AccountService accounts;
    private final Clock clock;
    private final Auth auth;

    public ConsentEndpoints(ConsentService consents, AttestationService attestations, AccountService accounts,
            Clock clock, Auth auth) {
        this.consents = consents;
        this.attestations = attestations;
        this.accounts = accounts;
        this.clock = clock;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/consents", this::grant);
        r.add(HandlerType.GET, "/patients/{patientId}/consents", this::list);
        r.add(HandlerType.DELETE, "/consents/{grantId}", this::revoke);
        r.add(HandlerType.PUT, "/issuers/{issuerId}/trust", this::trustIssuer);
        r.add(HandlerType.POST, "/attestations", this::attest);
        r.add(HandlerType.DELETE, "/attestations/{attestationId}", this::revokeAttestation);
        r.add(HandlerType.GET, "/accounts/{accountId}/attestations", this::attestations);
    }

    private Result<Account> account(Context ctx, String param) {
        return Requests.accountId(ctx, param).flatMap(id -> accounts.find(id).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id)));
    }

    Result<Reply> grant(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> account(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, ConsentRequests.GrantBody.class)
                .flatMap(b -> ConsentRequests.terms(b, patient, clock))
                .flatMap(terms -> consents.grantCustodial(actor, terms))
                .map(r -> Reply.json(201, Map.of("grantId", r.grantId(), "txHash", r.tx().txHash(), "block",
                        r.tx().blockNumber())))));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> consents.list(actor, p))
                .map(gs -> Reply.ok(Map.of("grants", gs.stream().map(ConsentViews::grant).toList()))));
    }

    Result<Reply> revoke(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> grantId(ctx).flatMap(id -> consents.revokeCustodial(actor, id))
                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash(), "block", tx.blockNumber()))));
    }

    Result<Reply> trustIssuer(Context ctx) {
        return auth.operator(ctx).flatMap(op -> account(ctx, "issuerId").flatMap(issuer -> Requests
                .json(ctx, ConsentRequests.TrustBody.class)
                .flatMap(b -> ConsentRequests.names(b.types(), "types", AttestationType.class, AttestationType::parse))
                .flatMap(types -> attestations.trust(op, issuer, AttestationType.maskOf(types)))
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
                            ? Result.ok(clock.instant())
                            : ConsentRequests.instant(b.validFrom(), "validFrom"))
                            .flatMap(from -> ConsentRequests.instant(b.validUntil(), "validUntil")
                                    .flatMap(until -> attestations.attest(issuer, new Payloads.Attest(
                                            subject.get().address(), type.get(), Purpose.maskOf(ps), from, until)))));
        }).map(r -> Reply.json(201, Map.of("attestationId", r.attestationId(), "txHash", r.tx().txHash()))));
    }

    Result<Reply> revokeAttestation(Context ctx) {
        return auth.caller(ctx).flatMap(issuer -> longParam(ctx, "attestationId")
                .flatMap(id -> attestations.revoke(issuer, id))
                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash()))));
    }

    Result<Reply> attestations(Context ctx) {
        return account(ctx, "accountId").map(a -> Reply.ok(Map.of("attestations",
                attestations.of(a.address()).stream().map(ConsentViews::attestation).toList())));
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
