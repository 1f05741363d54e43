package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accounts: opening (operator), self, public lookup (only what a counterparty needs), provider links. */
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
                        "kind must be one of " + Arrays.stream(AccountKind.values())
                                .filter(k -> k != AccountKind.OPERATOR).map(Enum::name).toList(),
                        "kind"));
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

    /** The owner and the operator see the whole account; anyone else what a counterparty needs. */
    Result<Reply> get(Context ctx) {
        return Requests.accountId(ctx, "accountId")
                .flatMap(id -> accounts.find(id).<Result<Account>>map(Result::ok)
                        .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id)))
                .flatMap(a -> ownerOrOperator(ctx, auth, a).map(all -> Reply.ok(all
                        ? Views.account(a)
                        : Views.publicAccount(a))));
    }

    /** Whether the caller (if it sent a token) is the account itself or the operator; a bad token is refused. */
    static Result<Boolean> ownerOrOperator(Context ctx, Auth auth, Account a) {
        if (ctx.header("Authorization") == null) {
            return Result.ok(false);
        }
        return auth.caller(ctx).map(c -> c.id().equals(a.id()) || c.kind() == AccountKind.OPERATOR);
    }

    Result<Reply> linkProvider(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.accountId(ctx, "providerId")
                        .flatMap(provider -> accounts.linkProvider(actor, patient, provider)))
                .map(provider -> Reply.ok(Map.of("patientId", ctx.pathParam("patientId"), "provider",
                        Views.account(provider)))));
    }
}
