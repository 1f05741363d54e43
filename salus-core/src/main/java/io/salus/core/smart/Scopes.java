package io.salus.core.smart;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of OAuth scopes as SMART App Launch uses them: patient resource scopes ({@link SmartScope}) and the
 * non-resource scopes this server understands ({@code launch/patient}, {@code offline_access},
 * {@code online_access}). Standard scopes it does not serve ({@code openid}, {@code fhirUser}, {@code launch},
 * {@code user/...}, {@code system/...}) are left out of the grant, as OAuth allows (the token response names what was
 * granted); anything else is refused, so a token never carries a scope nobody checks. Thread-safe (immutable).
 */
public record Scopes(Set<String> names, List<SmartScope> resources) {
    /** The non-resource scopes the server accepts. */
    public static final Set<String> OTHER = Set.of("launch/patient", "offline_access", "online_access");
    /** Standard scopes that are recognised but never granted here. */
    public static final Set<String> NOT_GRANTED = Set.of("openid", "fhirUser", "profile", "launch");
    private static final int MAX_SCOPES = 64;

    public Scopes {
        names = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names));
        resources = List.copyOf(resources);
    }

    /** Parses a space-separated scope string; any unknown or malformed scope fails with SMART_INVALID_SCOPE. */
    public static Result<Scopes> parse(String text) {
        if (text == null || text.isBlank()) {
            return Result.fail(ErrorCode.SMART_INVALID_SCOPE, "no scope was requested");
        }
        String[] parts = text.trim().split(" +");
        if (parts.length > MAX_SCOPES) {
            return Result.fail(ErrorCode.SMART_INVALID_SCOPE, "at most " + MAX_SCOPES + " scopes");
        }
        Set<String> names = new LinkedHashSet<>();
        List<SmartScope> resources = new ArrayList<>();
        for (String p : parts) {
            Optional<SmartScope> r = SmartScope.parse(p);
            if (r.isPresent()) {
                resources.add(r.get());
            } else if (NOT_GRANTED.contains(p) || p.startsWith("user/") || p.startsWith("system/")) {
                continue;
            } else if (!OTHER.contains(p)) {
                return Result.fail(ErrorCode.SMART_INVALID_SCOPE, "scope '" + abbreviate(p)
                        + "' is not supported (patient/<Type>.<cruds>, launch/patient, offline_access, "
                        + "online_access)");
            }
            names.add(p);
        }
        return Result.ok(new Scopes(names, resources));
    }

    /** Whether some resource scope allows the interaction on the type. */
    public boolean allows(String resourceType, SmartScope.Interaction interaction) {
        return resources.stream().anyMatch(s -> s.allows(resourceType, interaction));
    }

    /** The scopes of this set that {@code allowed} also holds (by name): what a client may be granted. */
    public Scopes within(Scopes allowed) {
        Set<String> keep = new LinkedHashSet<>();
        List<SmartScope> res = new ArrayList<>();
        for (String n : names) {
            Optional<SmartScope> r = SmartScope.parse(n);
            boolean ok = r.isPresent()
                    ? allowed.resources.stream().anyMatch(a -> covers(a, r.get()))
                    : allowed.names.contains(n);
            if (ok) {
                keep.add(n);
                r.ifPresent(res::add);
            }
        }
        return new Scopes(keep, res);
    }

    /** Whether a refresh token is issued for these scopes. */
    public boolean wantsRefresh() {
        return names.contains("offline_access") || names.contains("online_access");
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The scopes as a space-separated string, in the order they were asked for. */
    public String text() {
        return String.join(" ", names);
    }

    private static boolean covers(SmartScope outer, SmartScope inner) {
        return ("*".equals(outer.resourceType()) || outer.resourceType().equals(inner.resourceType()))
                && outer.interactions().containsAll(inner.interactions());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
