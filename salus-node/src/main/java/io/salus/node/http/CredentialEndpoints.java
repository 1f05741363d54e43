package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.credential.StatusLists;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SD-JWT credentials: issuance and revocation by issuers, status lists, nonces and presentations by holders. */
public final class CredentialEndpoints implements ApiEndpoints {
    private final CredentialIssuance issuance;
    private final Presentations presentations;
    private final StatusLists statusLists;
    private final AccountService accounts;
    private final Auth auth;

    public CredentialEndpoints(CredentialIssuance issuance, Presentations presentations, StatusLists statusLists,
            AccountService accounts, Auth auth) {
        this.issuance = issuance;
        this.presentations = presentations;
        this.statusLists = statusLists;
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/credentials", this::issue);
        r.add(HandlerType.GET, "/credentials/{credentialId}", this::get);
        r.add(HandlerType.DELETE, "/credentials/{credentialId}", this::revoke);
        r.add(HandlerType.GET, "/status-lists/{issuerId}", this::statusList);
        r.add(HandlerType.POST, "/presentations/nonce", this::nonce);
        r.add(HandlerType.POST, "/presentations", this::present);
        r.add(HandlerType.GET, "/presentations", this::mine);
    }

    record IssueBody(String subjectId, String type, List<String> purposes, String validUntil,
            Map<String, Object> holderKey, Map<String, Object> claims) {
    }

    record PresentBody(String presentation) {
    }

    Result<Reply> issue(Context ctx) {
        return auth.caller(ctx).flatMap(issuer -> Requests.json(ctx, IssueBody.class)
                .flatMap(b -> request(b).flatMap(r -> issuance.issue(issuer, r))).map(i -> {
                    Map<String, Object> m = view(i.record());
                    m.put("credential", i.sdJwt());
                    m.put("statusUri", i.statusUri());
                    m.put("disclosable", i.disclosable());
                    return Reply.json(201, m);
                }));
    }

    private Result<CredentialIssuance.Request> request(IssueBody b) {
        Optional<Account> subject = AccountId.parse(b.subjectId() == null ? "" : b.subjectId()).flatMap(accounts::find);
        if (subject.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.ACCOUNT_NOT_FOUND, "no subject account", "subjectId"));
        }
        Optional<AttestationType> type = b.type() == null ? Optional.empty() : AttestationType.parse(b.type());
        if (type.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "unknown credential type", "type"));
        }
        Map<String, Object> claims = b.claims() == null ? Map.of() : new LinkedHashMap<>(b.claims());
        return ConsentRequests.names(b.purposes(), "purposes", Purpose.class, Purpose::parse)
                .flatMap(ps -> ConsentRequests.instant(b.validUntil(), "validUntil")
                        .map(until -> new CredentialIssuance.Request(subject.get(), type.get(), ps, until,
                                b.holderKey(), claims)));
    }

    Result<Reply> get(Context ctx) {
        return auth.caller(ctx).flatMap(caller -> {
            Optional<IssuedCredential> c = issuance.find(ctx.pathParam("credentialId"));
            if (c.isEmpty() || !(c.get().issuer().equals(caller.address())
                    || c.get().subject().equals(caller.address()))) {
                return Result.fail(ErrorCode.CREDENTIAL_NOT_FOUND, "no credential of yours with this id");
            }
            return Result.ok(Reply.ok(view(c.get())));
        });
    }

    Result<Reply> revoke(Context ctx) {
        return auth.caller(ctx).flatMap(issuer -> issuance.revoke(issuer, ctx.pathParam("credentialId"))
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("revoked", true);
                    m.put("statusIndex", r.statusIndex());
                    r.attestationId().ifPresent(a -> m.put("attestationId", a));
                    r.attestationRevokeTx().ifPresent(tx -> m.put("attestationRevokeTx", tx));
                    return Reply.ok(m);
                }));
    }

    Result<Reply> statusList(Context ctx) {
        return Requests.accountId(ctx, "issuerId").flatMap(id -> accounts.find(id)
                .flatMap(a -> statusLists.token(a.address()))
                .<Result<Reply>>map(t -> Result.ok(Reply.raw(200, "application/statuslist+jwt",
                        t.getBytes(StandardCharsets.US_ASCII))))
                .orElseGet(() -> Result.fail(ErrorCode.NOT_FOUND, "no status list for issuer " + id)));
    }

    Result<Reply> nonce(Context ctx) {
        return auth.caller(ctx).map(caller -> {
            var n = presentations.nonce(caller);
            return Reply.json(201, Map.of("nonce", n.nonce(), "audience", n.audience(), "expiresAt",
                    n.expiresAt().toString()));
        });
    }

    Result<Reply> present(Context ctx) {
        return auth.caller(ctx).flatMap(caller -> Requests.json(ctx, PresentBody.class).flatMap(b -> {
            if (b.presentation() == null || b.presentation().isBlank()) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "presentation (SD-JWT+KB) is required",
                        "presentation"));
            }
            return presentations.present(caller, b.presentation());
        }).map(p -> Reply.json(201, presentation(p))));
    }

    Result<Reply> mine(Context ctx) {
        return auth.caller(ctx).map(caller -> Reply.ok(Map.of("presentations",
                presentations.of(caller).stream().map(CredentialEndpoints::presentation).toList())));
    }

    private static Map<String, Object> view(IssuedCredential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("credentialId", c.id());
        m.put("issuer", c.issuer().hex());
        m.put("subject", c.subject().hex());
        m.put("type", c.type().name());
        m.put("statusIndex", c.statusIndex());
        c.attestationId().ifPresent(a -> m.put("attestationId", a));
        m.put("issuedAt", c.issuedAt().toString());
        m.put("expiresAt", c.expiresAt().toString());
        m.put("revoked", c.revoked());
        c.revokedAt().ifPresent(t -> m.put("revokedAt", t.toString()));
        return m;
    }

    private static Map<String, Object> presentation(PresentedCredential p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("presentationId", p.id());
        m.put("credentialId", p.credentialId());
        m.put("issuer", p.issuer().hex());
        m.put("type", p.type().name());
        m.put("purposes", Purpose.fromMask(p.purposes()).stream().map(Purpose::name).toList());
        try {
            m.put("disclosed", Json.mapper().readTree(p.disclosedJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            m.put("disclosed", Map.of());
        }
        m.put("validUntil", p.validUntil().toString());
        m.put("attestationId", p.attestationId());
        m.put("presentedAt", p.presentedAt().toString());
        return m;
    }
}
