package io.salus.node.fhir;

import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.smart.AuthorizationRequest;
import io.salus.core.smart.AuthorizationServer;
import io.salus.core.smart.Scopes;
import io.salus.core.smart.SmartScope;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consent page of the SMART authorization server, in the patient portal: the signed-in patient (the portal's own
 * sign-in and session) sees which app asks for which data, unticks what it should not get, and approves or denies. The
 * decision is a form POST with the session's CSRF token; approving redirects the browser to the app with a single-use
 * code, denying with {@code error=access_denied}. The page's content security policy lets this one form redirect to
 * the app's registered origin. Thread-safe.
 */
final class SmartConsent implements PortalModule {
    private final AuthorizationServer server;
    private final PendingAuthorizations pending;

    SmartConsent(AuthorizationServer server, PendingAuthorizations pending) {
        this.server = server;
        this.pending = pending;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.PATIENT);
    }

    @Override
    public String home() {
        return "/portal/patient";
    }

    @Override
    public List<NavLink> nav() {
        return List.of();
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(SmartEndpoints.CONSENT_PATH, this::show);
        router.action(SmartEndpoints.CONSENT_PATH, this::decide);
    }

    private Result<View> show(PortalRequest r) {
        String id = r.query("request");
        Optional<AuthorizationRequest> req = pending.peek(id);
        if (req.isEmpty()) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "This authorization request is unknown or expired. "
                    + "Start again from the app.");
        }
        AuthorizationRequest a = req.get();
        String origin = origin(a.redirectUri());
        r.ctx().header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self' " + origin
                + "; frame-ancestors 'none'");
        List<Html> boxes = new ArrayList<>();
        for (SmartScope s : a.scopes().resources()) {
            boxes.add(
                    Html.of("<li><label><input type=\"checkbox\" name=\"scope\" value=\"{}\" checked> {}</label></li>",
                            s.text(), describe(s)));
        }
        Html offline = a.scopes().wantsRefresh()
                ? Html.raw("<p>The app also asks to keep access while you are away (a refresh token), until you or "
                        + "it revokes it.</p>")
                : Html.EMPTY;
        return Result.ok(View.of("Allow an app to read your records?", Html.of("""
                <div class="card">
                <p><strong>{}</strong> asks to use your records through the FHIR API. After you decide, you go back \
                to <code>{}</code>.</p>
                <form method="post" action="{}">{}
                <input type="hidden" name="request" value="{}">
                <p>Untick what the app should not get:</p>
                <ul class="scopes">{}</ul>{}
                <p><button type="submit" name="decision" value="approve">Allow</button>
                <button type="submit" name="decision" value="deny">Deny</button></p>
                </form>
                <p class="hint">Every read by the app is read as you: it sees only your own records. You can revoke \
                its access at any time; the app's tokens then stop working.</p>
                </div>""", a.client().name(), origin, SmartEndpoints.CONSENT_PATH, r.csrfField(), id,
                Html.join(boxes), offline)));
    }

    private Result<String> decide(PortalRequest r) {
        Optional<AuthorizationRequest> req = pending.take(r.form("request"));
        if (req.isEmpty()) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "This authorization request is unknown, expired or "
                    + "already decided. Start again from the app.");
        }
        AuthorizationRequest a = req.get();
        if (!"approve".equals(r.form("decision"))) {
            return Result.ok(SmartEndpoints.errorRedirect(a.redirectUri(), "access_denied",
                    "the patient denied the request", a.state()));
        }
        List<String> chosen = new ArrayList<>(r.forms("scope"));
        a.scopes().names().stream().filter(n -> SmartScope.parse(n).isEmpty()).forEach(chosen::add);
        Result<Scopes> approved = Scopes.parse(String.join(" ", chosen));
        Result<String> code = approved.flatMap(s -> server.approve(r.account(), a, s));
        if (!code.isOk()) {
            return Result.ok(SmartEndpoints.errorRedirect(a.redirectUri(), "access_denied",
                    code.failure().detail(), a.state()));
        }
        return Result.ok(a.redirectUri() + (a.redirectUri().contains("?") ? "&" : "?") + "code="
                + SmartEndpoints.enc(code.orElseThrow()) + "&state=" + SmartEndpoints.enc(a.state()));
    }

    private static String describe(SmartScope s) {
        String what = "*".equals(s.resourceType()) ? "all your records" : "your " + s.resourceType() + " records";
        List<String> ops = new ArrayList<>();
        s.interactions().stream().sorted().forEach(i -> ops.add(switch (i) {
            case READ -> "read";
            case SEARCH -> "search";
            case CREATE -> "add";
            case UPDATE -> "change";
            case DELETE -> "delete";
        }));
        return String.join(", ", ops) + " " + what;
    }

    static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
