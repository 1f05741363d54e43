package io.salus.node.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.smart.Pkce;
import io.salus.node.it.SharedNode;
import io.salus.node.web.PortalHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART app and its user's browser, for tests: registers the app, runs the authorization request, signs the
 * patient in to the portal, approves on the consent page, and talks to the token, revocation and introspection
 * endpoints. Follows no redirects, so tests see each step.
 */
final class SmartFlow {
    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    final String clientId;
    final String redirect;
    final String verifier = random(48);
    final String state = random(12);

    SmartFlow(String clientId) {
        this(clientId, REDIRECT);
    }

    /** A flow of a client registered with another redirect URI (the demo's app). */
    SmartFlow(String clientId, String redirect) {
        this.clientId = clientId;
        this.redirect = redirect;
    }

    /** Registers a public app (as the operator) allowed the given scopes. */
    static SmartFlow register(String scopes) {
        return new SmartFlow(registerClient(scopes, false).path("clientId").asText());
    }

    static JsonNode registerClient(String scopes, boolean confidential) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(SharedNode.url() + "/smart/clients"))
                .header("Authorization", "Bearer " + SharedNode.operatorToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Test app\",\"confidential\":" + confidential
                        + ",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":\"" + scopes + "\"}")));
        if (r.statusCode() != 201) {
            throw new AssertionError("registration: " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    /** The authorization request's response (303 to the consent page, or an error). */
    HttpResponse<String> authorize(String scope, String redirectUri) {
        return authorize(scope, redirectUri, Map.of());
    }

    /** An authorization request with some parameters replaced ({@code ""} leaves one out). */
    HttpResponse<String> authorize(String scope, String redirectUri, Map<String, String> changed) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", redirectUri);
        q.put("scope", scope);
        q.put("state", state);
        q.put("aud", FhirClients.base());
        q.put("code_challenge", Pkce.s256(verifier));
        q.put("code_challenge_method", "S256");
        q.putAll(changed);
        q.values().removeIf(String::isEmpty);
        return send(HttpRequest.newBuilder(URI.create(SharedNode.url() + "/oauth/authorize?" + form(q))).GET());
    }

    /** Authorizes, signs the patient in and approves the given scopes (all asked when empty); returns the code. */
    String code(String patientToken, String scope, List<String> approve) {
        HttpResponse<String> a = authorize(scope, redirect);
        if (a.statusCode() != 303) {
            throw new AssertionError("authorize: " + a.statusCode() + " " + a.body());
        }
        String consent = a.headers().firstValue("Location").orElseThrow();
        PortalHttp browser = new PortalHttp(SharedNode.url());
        HttpResponse<String> page = browser.get(consent);
        String signIn = page.headers().firstValue("Location").orElseThrow();
        if (!signIn.contains("next=")) {
            throw new AssertionError("the sign-in does not return to the consent page: " + signIn);
        }
        browser.signIn(patientToken);
        page = browser.get(consent);
        Matcher m = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new AssertionError("consent page: " + page.statusCode() + " " + page.body());
        }
        StringBuilder body = new StringBuilder("csrf=" + enc(m.group(1)) + "&decision=approve&request="
                + enc(consent.substring(consent.indexOf("request=") + 8)));
        for (String s : approve.isEmpty() ? List.of(scope.split(" ")) : approve) {
            body.append("&scope=").append(enc(s));
        }
        HttpResponse<String> decided = send(HttpRequest.newBuilder(URI.create(SharedNode.url() + consent
                .substring(0, consent.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "salus_session=" + browser.cookie("salus_session").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        String location = decided.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "decision: " + decided.statusCode() + " " + decided.body()));
        Map<String, String> params = query(location);
        if (!state.equals(params.get("state")) || !location.startsWith(redirect)) {
            throw new AssertionError("bad redirect " + location);
        }
        return params.get("code");
    }

    HttpResponse<String> token(Map<String, String> form) {
        Map<String, String> f = new LinkedHashMap<>(form);
        f.putIfAbsent("client_id", clientId);
        return post("/oauth/token", f);
    }

    HttpResponse<String> exchange(String code, String codeVerifier, String redirectUri) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", codeVerifier,
                "redirect_uri", redirectUri));
    }

    HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    HttpResponse<String> revoke(String token) {
        return post("/oauth/revoke", Map.of("client_id", clientId, "token", token));
    }

    JsonNode introspect(String token) {
        return json(post("/oauth/introspect", Map.of("client_id", clientId, "token", token)));
    }

    static HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(SharedNode.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(b.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.substring(uri.indexOf('?') + 1);
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String form(Map<String, String> f) {
        StringBuilder sb = new StringBuilder();
        f.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
