package io.salus.node.web;

import io.salus.core.account.Account;
import io.salus.core.error.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The frame of every portal page: {@code lang}, a skip link, the header with the signed-in account (and a DEMO badge
 * for demo accounts), the portal's navigation, a sign-out form, the notice and the page's own content in
 * {@code <main>}. Scripts only come from asset files. Immutable.
 */
final class Layout {
    private final Optional<PortalRequest> request;
    private final List<NavLink> nav;
    private final Map<String, String> notices;

    Layout(Optional<PortalRequest> request, List<NavLink> nav, Map<String, String> notices) {
        this.request = request;
        this.nav = nav;
        this.notices = notices;
    }

    String page(View view) {
        List<Html> scripts = new ArrayList<>();
        scripts.add(script("portal.js"));
        view.scripts().forEach(s -> scripts.add(script(s)));
        Html csrfMeta = request.map(r -> Html.of("<meta name=\"csrf-token\" content=\"{}\">", r.session().csrfToken()))
                .orElse(Html.EMPTY);
        return Html.of("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{} · Salus</title>
                {}
                <link rel="stylesheet" href="/portal/assets/portal.css">
                {}
                </head>
                <body>
                <a class="skip-link" href="#main">Skip to main content</a>
                {}
                <main id="main" tabindex="-1">
                <h1>{}</h1>
                {}
                {}
                </main>
                <footer class="site-footer"><p>Salus, a patient-owned health data bank. Your data is sealed per record \
                and anchored on a permissioned chain.</p></footer>
                </body>
                </html>
                """, view.title(), csrfMeta, Html.join(scripts), header(), view.title(), notice(), view.body())
                .toString();
    }

    String error(Failure f) {
        Html back = request.isPresent()
                ? Html.raw("<p><a href=\"/portal\">Back to your portal</a></p>")
                : Html.raw("<p><a href=\"/portal/sign-in\">Sign in</a></p>");
        return page(View.of(title(f), Html.of("""
                <div class="error" role="alert"><p>{}</p><p class="code">Error code {}</p></div>{}""",
                f.detail(), f.code().code(), back)));
    }

    private static String title(Failure f) {
        return switch (f.code().httpStatus()) {
            case 401 -> "Please sign in";
            case 403 -> "Refused";
            case 404 -> "Not found";
            default -> f.code().httpStatus() >= 500 ? "The node cannot do this now" : "This cannot be done";
        };
    }

    private Html notice() {
        String key = request.map(r -> r.ctx().queryParam("notice")).orElse(null);
        String text = key == null ? null : notices.get(key);
        return text == null ? Html.EMPTY : Html.of("<div class=\"notice\" role=\"status\">{}</div>", text);
    }

    private Html header() {
        if (request.isEmpty()) {
            return Html.raw("<header class=\"site-header\"><span class=\"brand\">Salus</span></header>");
        }
        PortalRequest r = request.get();
        Account a = r.account();
        Html demo = Demo.isDemo(a)
                ? Html.raw("<span class=\"demo-badge\" title=\"A demo account with synthetic data\">DEMO</span>")
                : Html.EMPTY;
        List<Html> links = new ArrayList<>();
        for (NavLink l : nav) {
            boolean here = r.ctx().path().equals(l.path());
            links.add(Html.of("<li><a href=\"{}\"{}>{}</a></li>", l.path(),
                    here ? Html.raw(" aria-current=\"page\"") : Html.EMPTY, l.label()));
        }
        return Html.of(
                """
                        <header class="site-header">
                        <span class="brand">Salus</span>{}
                        <nav aria-label="Portal"><ul>{}</ul></nav>
                        <div class="who"><span class="account">Signed in as {} <span class="kind">({} account)</span></span>
                        <form method="post" action="/portal/sign-out" class="sign-out">{}<button type="submit">Sign out</button>\
                        </form></div>
                        </header>""",
                demo, Html.join(links), a.displayName() == null ? a.id().toString() : a.displayName(),
                a.kind().name().toLowerCase(Locale.ROOT), r.csrfField());
    }

    private static Html script(String asset) {
        return Html.of("<script src=\"/portal/assets/{}\" defer></script>", asset);
    }
}
