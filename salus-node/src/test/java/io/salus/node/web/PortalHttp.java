package io.salus.node.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client of the portal for tests: signs in with an API token like a browser (pre-session token, session
 * cookie), keeps the session cookie and the CSRF token, follows no redirects, so tests see every status and header.
 * Not thread-safe.
 */
public final class PortalHttp {
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public PortalHttp(String baseUrl) {
        this.base = baseUrl;
    }

    /** Signs in with the token; returns the sign-in POST's response (303 on success). */
    public HttpResponse<String> signIn(String token) {
        HttpResponse<String> form = get("/portal/sign-in");
        String pre = match(HIDDEN_CSRF, form.body()).orElseThrow(() -> new AssertionError("no sign-in form"));
        HttpResponse<String> r = post("/portal/sign-in", Map.of("csrf", pre, "token", token));
        if (r.statusCode() == 303) {
            HttpResponse<String> landing = get("/portal");
            csrf = match(META_CSRF, landing.body()).orElseThrow(() -> new AssertionError("no CSRF token"));
        }
        return r;
    }

    public String csrf() {
        return csrf;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public void dropCookies() {
        cookies.clear();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    /** A form post with exactly these fields (add "csrf" yourself, or use {@link #postWithCsrf}). */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), Map.of());
    }

    public HttpResponse<String> postWithCsrf(String path, Map<String, String> form) {
        Map<String, String> f = new LinkedHashMap<>(form);
        f.put("csrf", csrf);
        return post(path, f);
    }

    public HttpResponse<String> request(String method, String path, Map<String, String> form,
            Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(encode(form))), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> headers) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String nv = c.split(";", 2)[0];
                int eq = nv.indexOf('=');
                String name = nv.substring(0, eq).trim();
                String value = nv.substring(eq + 1).trim();
                if (value.isEmpty() || c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> setCookies(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie");
    }

    private static Optional<String> match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
