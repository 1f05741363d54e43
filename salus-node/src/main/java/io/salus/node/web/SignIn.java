package io.salus.node.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.salus.core.account.Account;
import io.salus.core.account.ApiToken;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.limit.Throttle;
import io.salus.node.http.RateLimits;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-in with an account's API token, sign-out, and the portal's landing page. The sign-in form carries a pre-session
 * CSRF token (a random value in a short-lived cookie and in the form, which must agree), so no other site can sign a
 * browser in to an account of its choosing. Signing in always opens a new session with a new id and ends the one the
 * browser had (no session fixation). A client address that keeps failing is refused with 429 and Retry-After before
 * its next token is looked up (the budget is shared with the API's bearer tokens), and an account opens a limited number
 * of sessions. Thread-safe.
 */
final class SignIn {
    static final String PRE_COOKIE = "salus_signin";
    private final PortalGate gate;
    private final RateLimits limits;

    SignIn(PortalGate gate, RateLimits limits) {
        this.gate = gate;
        this.limits = limits;
    }

    void routes(PortalRouter router) {
        router.open(HandlerType.GET, "/portal/sign-in", false, this::form);
        router.open(HandlerType.POST, "/portal/sign-in", true, this::signIn);
        router.action("/portal/sign-out", this::signOut);
        router.page("/portal", this::landing);
        router.notice("signed-out", "You are signed out. Sign in again with your API token.");
    }

    private void form(Context ctx) {
        Optional<Account> current = gate.sessions().use(ctx.cookie(PortalGate.SESSION_COOKIE))
                .flatMap(s -> gate.accounts().find(s.accountId()));
        if (current.isPresent()) {
            ctx.redirect(gate.homeFor(current.get()), HttpStatus.SEE_OTHER);
            return;
        }
        showForm(ctx, 200, Optional.ofNullable("signed-out".equals(ctx.queryParam("notice"))
                ? "You are signed out. Sign in again with your API token."
                : null), false);
    }

    /**
     * {@code &next=<page>} for the sign-in redirect of a GET page, so that signing in returns to the page asked for
     * (the SMART consent page keeps its authorization request); empty for anything else.
     */
    static String returnTo(Context ctx) {
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        return "GET".equals(ctx.method().name()) && safeNext(target)
                ? "&next=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8)
                : "";
    }

    /** A local portal page only: no scheme, no host, no backslashes or control characters, bounded. */
    static boolean safeNext(String next) {
        return next != null && next.length() <= 2048 && next.startsWith("/portal/") && !next.startsWith("/portal//")
                && next.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\') && !next.contains("/../");
    }

    private void showForm(Context ctx, int status, Optional<String> message, boolean isError) {
        String pre = gate.sessions().randomToken();
        Cookies.set(ctx, PRE_COOKIE, pre, 1800, gate.secure(ctx));
        Html note = message.map(m -> Html.of("<div class=\"{}\" role=\"{}\">{}</div>", isError ? "error" : "notice",
                isError ? "alert" : "status", m)).orElse(Html.EMPTY);
        String next = ctx.queryParam("next");
        Html nextField = safeNext(next)
                ? Html.of("<input type=\"hidden\" name=\"next\" value=\"{}\">", next)
                : Html.EMPTY;
        Html body = Html.of("""
                {}
                <form method="post" action="/portal/sign-in" class="card sign-in">
                <input type="hidden" name="{}" value="{}">{}
                <p><label for="token">API token</label>
                <input id="token" name="token" type="password" autocomplete="off" required spellcheck="false"></p>
                <p><button type="submit">Sign in</button></p>
                </form>
                <p class="hint">Each account signs in with its own API token, the one it uses with the API. \
                <code>./salus demo</code> prints the demo accounts' tokens and where they are stored.</p>""",
                note, PortalRouter.CSRF_FIELD, pre, nextField);
        ctx.status(status).html(new Layout(Optional.empty(), java.util.List.of(), gate.notices())
                .page(View.of("Sign in", body)));
    }

    private void signIn(Context ctx) {
        String expected = ctx.cookie(PRE_COOKIE);
        if (expected == null || expected.isEmpty()
                || !Sessions.sameToken(expected, ctx.formParam(PortalRouter.CSRF_FIELD))) {
            gate.refuse(ctx, PortalGate.Style.HTML, Failure.of(ErrorCode.PORTAL_CSRF_REJECTED,
                    "The sign-in form was refused because its security token is missing or wrong. Open the sign-in "
                            + "page again."),
                    Optional.empty());
            return;
        }
        if (refused(ctx, limits.signInAllowed(ctx), "Too many failed sign-ins from your address")) {
            return;
        }
        String token = ctx.formParam("token");
        Optional<Account> account = token == null || token.isBlank() || token.length() > 512
                ? Optional.empty()
                : gate.accounts().authenticate(token.trim());
        if (account.isEmpty()) {
            limits.signInFailed(ctx);
            showForm(ctx, ErrorCode.PORTAL_SIGN_IN_FAILED.httpStatus(),
                    Optional.of("That API token is not valid (" + ErrorCode.PORTAL_SIGN_IN_FAILED.code() + ")."), true);
            return;
        }
        if (refused(ctx, limits.session(account.get()), "Too many sign-ins to this account")) {
            return;
        }
        gate.sessions().end(ctx.cookie(PortalGate.SESSION_COOKIE));
        Sessions.Opened opened = gate.sessions().open(account.get().id(), ApiToken.hash(token.trim()));
        boolean secure = gate.secure(ctx);
        Cookies.clear(ctx, PRE_COOKIE, secure);
        Cookies.set(ctx, PortalGate.SESSION_COOKIE, opened.id(), -1, secure);
        String next = ctx.formParam("next");
        ctx.redirect(safeNext(next) ? next : gate.homeFor(account.get()), HttpStatus.SEE_OTHER);
    }

    /** Shows the form again with 429 and Retry-After when the limit refused. */
    private boolean refused(Context ctx, Result<Boolean> allowed, String why) {
        if (!(allowed instanceof Result.Err<Boolean> refused)) {
            return false;
        }
        Failure f = refused.failure();
        f.retryAfter().ifPresent(w -> ctx.header("Retry-After", Long.toString(Throttle.seconds(w))));
        showForm(ctx, f.code().httpStatus(), Optional.of(why + ": " + f.detail() + " (" + f.code().code() + ")."),
                true);
        return true;
    }

    private Result<String> signOut(PortalRequest r) {
        gate.sessions().end(r.ctx().cookie(PortalGate.SESSION_COOKIE));
        Cookies.clear(r.ctx(), PortalGate.SESSION_COOKIE, gate.secure(r.ctx()));
        return Result.ok("/portal/sign-in?notice=signed-out");
    }

    private Result<View> landing(PortalRequest r) {
        String home = gate.homeFor(r.account());
        String kind = r.account().kind().name().toLowerCase(Locale.ROOT);
        Html body = home.equals("/portal")
                ? Html.of("<p>There is no portal for {} accounts yet; use the API or the CLI.</p>", kind)
                : Html.of("<p><a href=\"{}\">Open your {} portal</a></p>", home, kind);
        return Result.ok(View.of("Welcome", body));
    }
}
