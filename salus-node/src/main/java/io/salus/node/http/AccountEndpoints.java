package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accounts: opening (operator), self, public lookup, provider links. */
public final class AccountEndpoints implements ApiEndpoints {
    private final AccountService accounts;
    private final Auth auth;

    public AccountEndpoints(AccountService accounts, Auth auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/accounts", this::open);
        r.add(HandlerType.GET, "/accounts/me", this::me);
        r.add(HandlerType.GET, "/accounts/{accountId}", this::get);
        r.add(HandlerType.PUT, "/patients/{patientId}/providers/{providerId}", this::linkProvider);
    }

    record OpenRequest(String kind, String displayName) {
    }

    Result<Reply> open(Context ctx) {
        return auth.operator(ctx).flatMap(op -> Requests.json(ctx, OpenRequest.class)).flatMap(req -> {
            var kind = AccountKind.parse(req.kind());
            if (kind.isEmpty() || kind.get() == AccountKind.OPERATOR) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                        "kind must be one of PATIENT, PHYSICIAN, PHARMACY, HOSPITAL, CONSUMER", "kind"));
            }
            return accounts.open(kind.get(), req.displayName()).map(opened -> {
                Map<String, Object> body = new LinkedHashMap<>(Views.account(opened.account()));
                body.put("apiToken", opened.apiToken());
                body.put("registration", "pending: the IdentityRegistry entry follows within seconds");
                return Reply.json(201, body);
            });
        });
    }

    Result<Reply> me(Context ctx) {
        return auth.caller(ctx).map(a -> Reply.ok(Views.account(a)));
    }

    Result<Reply> get(Context ctx) {
        return Requests.accountId(ctx, "accountId")
                .flatMap(id -> accounts.find(id).<Result<Reply>>map(a -> Result.ok(Reply.ok(Views.account(a))))
                        .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id)));
    }

    Result<Reply> linkProvider(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.accountId(ctx, "providerId")
                        .flatMap(provider -> accounts.linkProvider(actor, patient, provider)))
                .map(provider -> Reply.ok(Map.of("patientId", ctx.pathParam("patientId"), "provider",
                        Views.account(provider)))));
    }
}
