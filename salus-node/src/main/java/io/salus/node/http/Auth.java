package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;

/**
 * Bearer-token authentication of API calls. A client address that keeps presenting unknown tokens is refused with 429
 * before its next token is looked up ({@link RateLimits#signInAllowed}, shared with the portal's sign-in). Thread-safe.
 */
public final class Auth {
    private final AccountService accounts;
    private final RateLimits limits;

    public Auth(AccountService accounts, RateLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
    }

    Result<Account> caller(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Result.fail(Failure.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <api token>"));
        }
        return limits.signInAllowed(ctx).flatMap(ok -> accounts.authenticate(h.substring(7).trim())
                .<Result<Account>>map(Result::ok).orElseGet(() -> {
                    limits.signInFailed(ctx);
                    return Result.fail(ErrorCode.UNAUTHENTICATED, "unknown or malformed API token");
                }));
    }

    Result<Account> operator(Context ctx) {
        return caller(ctx).flatMap(a -> a.kind() == AccountKind.OPERATOR
                ? Result.ok(a)
                : Result.fail(ErrorCode.FORBIDDEN, "only the node operator may do this"));
    }
}
