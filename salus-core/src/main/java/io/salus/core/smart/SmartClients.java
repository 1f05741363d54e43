package io.salus.core.smart;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Registration of SMART apps by the node operator. Redirect URIs must be absolute https URIs, or http on a loopback
 * host (native and development apps, RFC 8252 §7.3), without fragments. A confidential client gets a secret, shown
 * once. Thread-safe.
 */
public final class SmartClients {
    private final SmartStore store;
    private final Secrets secrets;
    private final Clock clock;

    public SmartClients(SmartStore store, Clock clock, java.security.SecureRandom random) {
        this.store = store;
        this.secrets = new Secrets(random);
        this.clock = clock;
    }

    /** What to register: a name, whether the client keeps a secret, its redirect URIs and its allowed scopes. */
    public record NewClient(String name, boolean confidential, List<String> redirectUris, String scopes) {
    }

    /** A registered client and, for a confidential one, its secret (not kept by the node). */
    public record Registered(SmartClient client, Optional<String> secret) {
    }

    public Result<Registered> register(Account actor, NewClient c) {
        if (actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the node operator registers SMART apps");
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "name is required (at most 200 characters)");
        }
        if (c.redirectUris() == null || c.redirectUris().isEmpty() || c.redirectUris().size() > 10) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "one to ten redirect URIs are required");
        }
        for (String uri : c.redirectUris()) {
            if (!acceptable(uri)) {
                return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "redirect URI '" + uri
                        + "' must be absolute https (or http on a loopback host) without a fragment");
            }
        }
        return Scopes.parse(c.scopes()).flatMap(scopes -> {
            if (scopes.resources().isEmpty()) {
                return Result.fail(ErrorCode.SMART_INVALID_SCOPE, "a client needs at least one patient/ scope");
            }
            Optional<String> secret = c.confidential() ? Optional.of(secrets.next()) : Optional.empty();
            SmartClient client = new SmartClient("salus-app-" + secrets.next().substring(0, 16), c.name().trim(),
                    secret.map(Secrets::hash), c.redirectUris(), scopes,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            store.saveClient(client);
            return Result.ok(new Registered(client, secret));
        });
    }

    /** A registered client by its id. */
    public Optional<SmartClient> find(String clientId) {
        return store.client(clientId);
    }

    /** https on any host, or http on a loopback host; a port, path and query may follow; no fragment. */
    private static final java.util.regex.Pattern REDIRECT = java.util.regex.Pattern.compile(
            "(https://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\]))"
                    + "(?::[0-9]{1,5})?(?:[/?][^#\\s\"<>\\\\]*)?");

    static boolean acceptable(String uri) {
        return uri != null && uri.length() <= 1000 && REDIRECT.matcher(uri).matches();
    }
}
