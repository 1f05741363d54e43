package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.core.usecase.deal.Discovery;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cohort discovery, earnings and withdrawals, organisations, the split policy and (operator) tokens. */
public final class MarketEndpoints implements ApiEndpoints {
    private final Discovery discovery;
    private final DealEarnings earnings;
    private final PrivacyBudget budget;
    private final DealLedger ledger;
    private final AccountService accounts;
    private final Auth auth;

    public MarketEndpoints(Discovery discovery, DealEarnings earnings, PrivacyBudget budget, DealLedger ledger,
            AccountService accounts, Auth auth) {
        this.discovery = discovery;
        this.earnings = earnings;
        this.budget = budget;
        this.ledger = ledger;
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/cohorts/count", this::count);
        r.add(HandlerType.GET, "/deal-policy", this::policy);
        r.add(HandlerType.GET, "/accounts/{accountId}/earnings", this::earnings);
        r.add(HandlerType.POST, "/accounts/me/withdrawals", this::withdraw);
        r.add(HandlerType.PUT, "/accounts/{accountId}/organisation", this::organisation);
        r.add(HandlerType.POST, "/accounts/{accountId}/tokens", this::mint);
    }

    record CountBody(JsonNode criteria, List<String> categories, String purpose, String epsilon) {
    }

    record OrgBody(String organisation) {
    }

    record MintBody(Long amount) {
    }

    record WithdrawalBody(String to) {
    }

    Result<Reply> count(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, CountBody.class).flatMap(b -> DealEndpoints
                .categories(b.categories()).flatMap(cats -> DealEndpoints.purpose(b.purpose())
                        .flatMap(p -> DealEndpoints.criteria(b.criteria())
                                .flatMap(criteria -> discovery.count(c, criteria, cats, p, b.epsilon()))))))
                .map(r -> Reply.ok(Map.of("count", r.count().display(), "epsilon", r.epsilon().value().toPlainString(),
                        "remainingBudget", r.remaining().remaining().toPlainString(), "organisation",
                        r.remaining().organisation())));
    }

    Result<Reply> policy(Context ctx) {
        return Result.ok(Reply.ok(DealViews.policy(ledger.policy())));
    }

    Result<Reply> earnings(Context ctx) {
        return auth.caller(ctx).flatMap(me -> Requests.accountId(ctx, "accountId").flatMap(id -> {
            if (!me.id().equals(id) && me.kind() != AccountKind.OPERATOR) {
                return Result.fail(ErrorCode.FORBIDDEN, "only the account itself or the operator");
            }
            Optional<Account> a = accounts.find(id);
            if (a.isEmpty()) {
                return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id);
            }
            DealEarnings.Earnings e = earnings.of(a.get());
            return Result.ok(Reply.ok(Map.of("address", e.address().hex(), "balance", e.balance() + e.claimable(),
                    "wallet", e.balance(), "claimable", e.claimable(), "payments", DealViews.payments(
                            e.payments()))));
        }));
    }

    Result<Reply> withdraw(Context ctx) {
        return auth.caller(ctx).flatMap(me -> Requests.json(ctx, WithdrawalBody.class).flatMap(b -> {
            EvmAddress to;
            try {
                to = b.to() == null ? me.address() : new EvmAddress(b.to());
            } catch (IllegalArgumentException e) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "to must be an EVM address", "to"));
            }
            return earnings.withdraw(me, to);
        })).map(txs -> Reply.ok(Map.of("transactions", txs.stream().map(t -> t.txHash()).toList())));
    }

    Result<Reply> organisation(Context ctx) {
        return auth.operator(ctx).flatMap(op -> Requests.accountId(ctx, "accountId").flatMap(id -> Requests
                .json(ctx, OrgBody.class).flatMap(b -> budget.assign(id, b.organisation()))))
                .map(org -> Reply.ok(Map.of("organisation", org)));
    }

    Result<Reply> mint(Context ctx) {
        return auth.operator(ctx).flatMap(op -> Requests.accountId(ctx, "accountId").flatMap(id -> Requests
                .json(ctx, MintBody.class).flatMap(b -> {
                    Optional<Account> a = accounts.find(id);
                    if (a.isEmpty()) {
                        return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id);
                    }
                    if (b.amount() == null || b.amount() <= 0) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "amount must be positive", "amount"));
                    }
                    return Result.ok(Reply.ok(Map.of("txHash", ledger.mint(a.get().address(), b.amount()).txHash(),
                            "balance", ledger.balanceOf(a.get().address()))));
                })));
    }
}
