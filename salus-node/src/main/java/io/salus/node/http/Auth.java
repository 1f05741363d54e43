package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;

/** Bearer-token authentication of API calls. Thread-safe. */
public final class Auth {
    private final AccountService accounts;

    public Auth(AccountService accounts) {
        this.accounts = accounts;
    }

    Result<Account> caller(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Result.fail(Failure.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <api token>"));
        }
        return accounts.authenticate(h.substring(7).trim()).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.UNAUTHENTICATED, "unknown or malformed API token"));
    }

    Result<Account> operator(Context ctx) {
        return caller(ctx).flatMap(a -> a.kind() == AccountKind.OPERATOR
                ? Result.ok(a)
                : Result.fail(ErrorCode.FORBIDDEN, "only the node operator may do this"));
    }
}
