package io.salus.node.web;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.limit.Throttle;
import io.salus.core.usecase.AccountService;
import io.salus.node.http.Json;
import io.salus.node.http.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;

/**
 * The portal's guard and response writing: security headers, session and account checks, CSRF checks, pages, error
 * pages, redirects and JSON. Thread-safe.
 */
final class PortalGate {
    /** How a refusal is answered: a page redirects to sign-in, a form post gets an HTML page, a script gets JSON. */
    enum Style {
        PAGE,
        HTML,
        JSON
    }

    static final String SESSION_COOKIE = "salus_session";
    private final Sessions sessions;
    private final AccountService accounts;
    private final PortalSettings settings;
    private final List<PortalModule> modules;
    private final Predicate<AccountId> closed;
    private final Map<String, String> notices = PortalRouter.newNotices();

    /** {@code closed} tells accounts that may not use the portal any more (erased patients). */
    PortalGate(Sessions sessions, AccountService accounts, PortalSettings settings, List<PortalModule> modules,
            Predicate<AccountId> closed) {
        this.closed = closed;
        this.sessions = sessions;
        this.accounts = accounts;
        this.settings = settings;
        this.modules = List.copyOf(modules);
    }

    Sessions sessions() {
        return sessions;
    }

    AccountService accounts() {
        return accounts;
    }

    Map<String, String> notices() {
        return notices;
    }

    void headers(Context ctx) {
        ctx.header(ContentSecurity.HEADER, ContentSecurity.PORTAL);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    /** The signed-in request, or empty after answering the refusal. */
    Optional<PortalRequest> admit(Context ctx, Set<AccountKind> kinds, Style style, boolean csrf) {
        headers(ctx);
        Optional<Session> session = sessions.use(ctx.cookie(SESSION_COOKIE));
        Optional<Account> account = session.flatMap(s -> accounts.byTokenHash(s.tokenHash()))
                .filter(a -> a.id().equals(session.get().accountId()) && !closed.test(a.id()));
        if (account.isEmpty()) {
            session.ifPresent(s -> sessions.end(ctx.cookie(SESSION_COOKIE)));
            if (ctx.cookie(SESSION_COOKIE) != null) {
                Cookies.clear(ctx, SESSION_COOKIE, secure(ctx));
            }
            if (style == Style.PAGE) {
                ctx.redirect("/portal/sign-in?notice=signed-out" + SignIn.returnTo(ctx),
                        io.javalin.http.HttpStatus.SEE_OTHER);
            } else {
                refuse(ctx, style, Failure.of(ErrorCode.PORTAL_SIGN_IN_REQUIRED,
                        "There is no live session: sign in again (sessions end after "
                                + settings.idleTimeout().toMinutes() + " idle minutes)."),
                        Optional.empty());
            }
            return Optional.empty();
        }
        PortalRequest r = new PortalRequest(ctx, account.get(), session.get());
        if (csrf) {
            String sent = Optional.ofNullable(ctx.header(PortalRouter.CSRF_HEADER))
                    .orElseGet(() -> ctx.formParam(PortalRouter.CSRF_FIELD));
            if (!Sessions.sameToken(r.session().csrfToken(), sent)) {
                refuse(ctx, style, Failure.of(ErrorCode.PORTAL_CSRF_REJECTED,
                        "The form was refused because its security token is missing or wrong. Nothing was changed;"
                                + " reload the page and try again."),
                        Optional.of(r));
                return Optional.empty();
            }
        }
        if (!kinds.isEmpty() && !kinds.contains(r.account().kind())) {
            refuse(ctx, style, Failure.of(ErrorCode.PORTAL_WRONG_ACCOUNT_KIND, "This page is for "
                    + kinds.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList()
                    + " accounts; you are signed in as a "
                    + r.account().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " account."), Optional.of(r));
            return Optional.empty();
        }
        return Optional.of(r);
    }

    void renderPage(PortalRequest r, Result<View> view) {
        switch (view) {
            case Result.Ok<View> ok -> r.ctx().status(200).html(layout(Optional.of(r)).page(ok.value()));
            case Result.Err<View> err -> refuse(r.ctx(), Style.HTML, err.failure(), Optional.of(r));
        }
    }

    void redirectOrError(PortalRequest r, Result<String> location) {
        switch (location) {
            case Result.Ok<String> ok -> r.ctx().redirect(ok.value(), io.javalin.http.HttpStatus.SEE_OTHER);
            case Result.Err<String> err -> refuse(r.ctx(), Style.HTML, err.failure(), Optional.of(r));
        }
    }

    void file(PortalRequest r, Result<PortalHandlers.File> file) {
        switch (file) {
            case Result.Ok<PortalHandlers.File> ok -> r.ctx().status(200)
                    .header("Content-Disposition", "attachment; filename=\"" + ok.value().name() + "\"")
                    .contentType(ok.value().contentType()).result(ok.value().body());
            case Result.Err<PortalHandlers.File> err -> refuse(r.ctx(), Style.HTML, err.failure(), Optional.of(r));
        }
    }

    void json(Context ctx, Result<Object> value) {
        switch (value) {
            case Result.Ok<Object> ok -> {
                try {
                    ctx.status(200).contentType("application/json").result(Json.mapper().writeValueAsBytes(ok.value()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot write a portal fragment as JSON", e);
                }
            }
            case Result.Err<Object> err -> Problems.respond(ctx, err.failure());
        }
    }

    void refuse(Context ctx, Style style, Failure failure, Optional<PortalRequest> r) {
        if (style == Style.JSON) {
            Problems.respond(ctx, failure);
            return;
        }
        failure.retryAfter().ifPresent(w -> ctx.header("Retry-After", Long.toString(Throttle.seconds(w))));
        ctx.status(failure.code().httpStatus()).html(layout(r).error(failure));
    }

    Layout layout(Optional<PortalRequest> r) {
        return new Layout(r, r.map(x -> navFor(x.account())).orElse(List.of()), notices);
    }

    /** The navigation of every module serving the account's kind, in the modules' order. */
    List<NavLink> navFor(Account a) {
        return modules.stream().filter(m -> m.kinds().contains(a.kind())).flatMap(m -> m.nav().stream()).toList();
    }

    String homeFor(Account a) {
        return modules.stream().filter(m -> m.kinds().contains(a.kind())).findFirst().map(PortalModule::home)
                .orElse("/portal");
    }

    boolean secure(Context ctx) {
        return settings.secureCookie() || "https".equalsIgnoreCase(ctx.scheme());
    }
}
