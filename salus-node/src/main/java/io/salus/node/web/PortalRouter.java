package io.salus.node.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountKind;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers portal routes on the node's Javalin app, each behind the portal's guard: security headers on every
 * response; a live session for everything but the sign-in page and the assets; an account of the module's kinds; and
 * on every state-changing route (POST, PUT, DELETE) the session's CSRF token, as the form field {@value #CSRF_FIELD}
 * or the header {@value #CSRF_HEADER}. Every route is also recorded in {@link #registered()} so that tests can prove
 * the guard for all of them. Thread-safe once registration is over.
 */
public final class PortalRouter {
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** A registered portal route: whether it needs a session and whether it needs the CSRF token. */
    public record Route(String method, String path, boolean signedIn, boolean csrf) {
    }

    private static final Set<Route> REGISTERED = ConcurrentHashMap.newKeySet();
    private final JavalinConfig config;
    private final PortalGate gate;
    private final Set<AccountKind> kinds;

    PortalRouter(JavalinConfig config, PortalGate gate, Set<AccountKind> kinds) {
        this.config = config;
        this.gate = gate;
        this.kinds = Set.copyOf(kinds);
    }

    /** Every portal route registered in this JVM (the same table for every node). */
    public static Set<Route> registered() {
        return Set.copyOf(REGISTERED);
    }

    /** A GET page; without a session the browser is sent to the sign-in page. */
    public void page(String path, PortalHandlers.Page handler) {
        add(HandlerType.GET, path, true, false, ctx -> gate.admit(ctx, kinds, PortalGate.Style.PAGE, false)
                .ifPresent(r -> gate.renderPage(r, handler.handle(r))));
    }

    /** A form POST (CSRF token required) answered with a 303 redirect to the returned path. */
    public void action(String path, PortalHandlers.Action handler) {
        add(HandlerType.POST, path, true, true, ctx -> gate.admit(ctx, kinds, PortalGate.Style.HTML, true)
                .ifPresent(r -> gate.redirectOrError(r, handler.handle(r))));
    }

    /** A GET JSON fragment for the pages' scripts. */
    public void fragment(String path, PortalHandlers.Fragment handler) {
        add(HandlerType.GET, path, true, false, ctx -> gate.admit(ctx, kinds, PortalGate.Style.JSON, false)
                .ifPresent(r -> gate.json(r.ctx(), handler.handle(r))));
    }

    /** A GET file download (an attachment), e.g. an export or a package. */
    public void download(String path, PortalHandlers.Download handler) {
        add(HandlerType.GET, path, true, false, ctx -> gate.admit(ctx, kinds, PortalGate.Style.HTML, false)
                .ifPresent(r -> gate.file(r, handler.handle(r))));
    }

    /** A POST from a page's script answered with JSON; the script sends the CSRF token as {@value #CSRF_HEADER}. */
    public void jsonAction(String path, PortalHandlers.Fragment handler) {
        add(HandlerType.POST, path, true, true, ctx -> gate.admit(ctx, kinds, PortalGate.Style.JSON, true)
                .ifPresent(r -> gate.json(r.ctx(), handler.handle(r))));
    }

    /**
     * Registers a notice a page shows when its URL carries {@code ?notice=key} (actions redirect there after a
     * change). Only registered texts are ever shown, so a link cannot inject text.
     */
    public void notice(String key, String text) {
        gate.notices().put(key, text);
    }

    /** A route that needs no session (sign-in, assets); {@code csrf} routes check their own pre-session token. */
    void open(HandlerType method, String path, boolean csrf, Handler handler) {
        add(method, path, false, csrf, ctx -> {
            gate.headers(ctx);
            handler.handle(ctx);
        });
    }

    private void add(HandlerType method, String path, boolean signedIn, boolean csrf, Handler handler) {
        if (!path.equals("/portal") && !path.startsWith("/portal/")) {
            throw new IllegalArgumentException("portal routes live under /portal: " + path);
        }
        REGISTERED.add(new Route(method.name(), path, signedIn, csrf));
        config.routes.addHttpHandler(method, path, handler);
    }

    static Map<String, String> newNotices() {
        return new ConcurrentHashMap<>();
    }
}
