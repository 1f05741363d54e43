package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.record.Category;
import io.salus.core.usecase.AccountService;
import io.salus.node.market.DealRecord;
import io.salus.node.market.Deals;
import io.salus.node.market.Discovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cohort discovery, deals, packages, earnings, organisations and demo tokens. */
public final class MarketEndpoints implements ApiEndpoints {
    private final Discovery discovery;
    private final Deals deals;
    private final PrivacyBudget budget;
    private final DealLedger ledger;
    private final AccountService accounts;
    private final Auth auth;

    public MarketEndpoints(Discovery discovery, Deals deals, PrivacyBudget budget, DealLedger ledger,
            AccountService accounts, Auth auth) {
        this.discovery = discovery;
        this.deals = deals;
        this.budget = budget;
        this.ledger = ledger;
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/cohorts/count", this::count);
        r.add(HandlerType.POST, "/deals", this::post);
        r.add(HandlerType.GET, "/deals/{dealId}", this::get);
        r.add(HandlerType.POST, "/deals/{dealId}/match", this::match);
        r.add(HandlerType.POST, "/deals/{dealId}/deliver", this::deliver);
        r.add(HandlerType.GET, "/deals/{dealId}/package", this::download);
        r.add(HandlerType.POST, "/deals/{dealId}/refund", this::refund);
        r.add(HandlerType.GET, "/accounts/{accountId}/earnings", this::earnings);
        r.add(HandlerType.PUT, "/accounts/{accountId}/organisation", this::organisation);
        r.add(HandlerType.POST, "/accounts/{accountId}/tokens", this::mint);
    }

    record CountBody(JsonNode criteria, List<String> categories, String purpose, String epsilon) {
    }

    record SplitBody(int patient, int providers, int caregiver, int daoTreasury, int operator) {
    }

    record DealBody(JsonNode criteria, List<String> categories, String purpose, Long pricePerPatient,
            Integer maxPatients, String deadline, SplitBody split) {
    }

    record OrgBody(String organisation) {
    }

    record MintBody(Long amount) {
    }

    Result<Reply> count(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, CountBody.class).flatMap(b -> categories(
                b.categories()).flatMap(
                        cats -> purpose(b.purpose()).flatMap(p -> criteria(b.criteria())
                                .flatMap(criteria -> discovery.count(c, criteria, cats, p, b.epsilon()))))))
                .map(r -> Reply.ok(Map.of("count", r.count().display(), "epsilon", r.epsilon().value().toPlainString(),
                        "remainingBudget", r.remaining().remaining().toPlainString(), "organisation",
                        r.remaining().organisation())));
    }

    Result<Reply> post(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, DealBody.class).flatMap(b -> offer(b)
                .flatMap(o -> deals.post(c, o)))).map(d -> Reply.json(201, view(d)));
    }

    Result<Reply> match(Context ctx) {
        return auth.caller(ctx).flatMap(c -> deals.match(c, ctx.pathParam("dealId"))).map(d -> Reply.ok(view(d)));
    }

    Result<Reply> deliver(Context ctx) {
        return auth.caller(ctx).flatMap(c -> deals.deliver(c, ctx.pathParam("dealId")))
                .map(d -> Reply.ok(view(d)));
    }

    Result<Reply> get(Context ctx) {
        return auth.caller(ctx).flatMap(c -> deals.find(c, ctx.pathParam("dealId"))).map(d -> {
            Map<String, Object> m = view(d);
            deals.chainState(d.dealId()).ifPresent(s -> m.put("chain", Map.of("status", s.status().name(),
                    "escrow", s.toString())));
            return Reply.ok(m);
        });
    }

    Result<Reply> download(Context ctx) {
        return auth.caller(ctx).flatMap(c -> deals.packageBytes(c, ctx.pathParam("dealId")))
                .map(bytes -> Reply.raw(200, "application/octet-stream", bytes));
    }

    Result<Reply> refund(Context ctx) {
        return auth.caller(ctx).flatMap(c -> deals.refund(c, ctx.pathParam("dealId")))
                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash())));
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
            List<Map<String, Object>> paid = new ArrayList<>();
            for (DealEvent e : ledger.events(0, ledger.headBlock())) {
                if (e instanceof DealEvent.Paid p && p.payee().equals(a.get().address())) {
                    paid.add(Map.of("dealId", p.dealId().hex(), "role", p.role().name(), "amount", p.amount(),
                            "txHash", p.txHash()));
                }
            }
            return Result.ok(Reply.ok(Map.of("address", a.get().address().hex(), "balance",
                    ledger.balanceOf(a.get().address()), "payments", paid)));
        }));
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
                    return Result.ok(Reply.ok(Map.of("txHash", ledger.mint(a.get().address(), b.amount())
                            .txHash(), "balance", ledger.balanceOf(a.get().address()))));
                })));
    }

    private static Map<String, Object> view(DealRecord d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dealId", d.dealId());
        m.put("status", d.status());
        m.put("categories", d.categories());
        m.put("purpose", d.purpose());
        m.put("pricePerPatient", d.pricePerPatient());
        m.put("maxPatients", d.maxPatients());
        m.put("deadline", d.deadline());
        m.put("cohortSize", d.matched().size());
        m.put("delivered", d.delivered());
        if (d.packageHash() != null) {
            m.put("packageHash", d.packageHash());
        }
        m.put("transactions", d.settlementTxs());
        return m;
    }

    private static Result<Deals.Offer> offer(DealBody b) {
        if (b.pricePerPatient() == null || b.maxPatients() == null || b.split() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "pricePerPatient, maxPatients and split are "
                    + "required",
                    b.split() == null
                            ? "split"
                            : b.pricePerPatient() == null
                                    ? "pricePerPatient"
                                    : "maxPatients"));
        }
        SplitBody s = b.split();
        return categories(b.categories()).flatMap(cats -> purpose(b.purpose()).flatMap(p -> criteria(b.criteria())
                .flatMap(c -> ConsentRequests.instant(b.deadline(), "deadline")
                        .flatMap(deadline -> Split.of(s.patient(), s.providers(), s.caregiver(), s.daoTreasury(),
                                s.operator()).map(
                                        split -> new Deals.Offer(c, cats, p, b.pricePerPatient(),
                                                b.maxPatients(), deadline, split))))));
    }

    private static Result<List<Category>> categories(List<String> names) {
        return ConsentRequests.names(names, "categories", Category.class, Category::parse).map(List::copyOf);
    }

    private static Result<Purpose> purpose(String p) {
        return Purpose.parse(p).<Result<Purpose>>map(Result::ok).orElseGet(() -> Result.fail(Failure.of(
                ErrorCode.INVALID_REQUEST, "purpose must be a PurposeOfUse code such as HRESCH", "purpose")));
    }

    private static Result<byte[]> criteria(JsonNode node) {
        if (node == null || node.isNull()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "criteria is required", "criteria"));
        }
        try {
            return Result.ok(Json.mapper().writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "criteria cannot be read");
        }
    }
}
