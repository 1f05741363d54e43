package io.salus.node.web;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's sessions, in memory: a node restart signs everyone out. A session id is 256 random bits; only its
 * SHA-256 is kept, so a heap dump does not hand out live cookies. A session unused for the idle timeout is gone (the
 * clock is injected so tests can advance it). Thread-safe.
 */
public final class Sessions {
    /** A new session and the id to put in the cookie (the only place the id exists). */
    public record Opened(String id, Session session) {
    }

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random;

    public Sessions(Clock clock, Duration idle, SecureRandom random) {
        this.clock = clock;
        this.idle = idle;
        this.random = random;
    }

    /** Opens a new session for the account, always with a fresh id and CSRF token (no session fixation). */
    public Opened open(AccountId account, Hash32 tokenHash) {
        purgeExpired();
        String id = randomToken();
        Instant now = clock.instant();
        Session s = new Session(hash(id), account, tokenHash, randomToken(), now, now);
        byHash.put(s.idHash(), s);
        return new Opened(id, s);
    }

    /** The live session of a cookie's id, marked as used now; empty (and forgotten) once idle too long. */
    public Optional<Session> use(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String h = hash(id);
        Instant now = clock.instant();
        Session s = byHash.get(h);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            byHash.remove(h, s);
            return Optional.empty();
        }
        Session touched = s.touched(now);
        return byHash.replace(h, s, touched) ? Optional.of(touched) : Optional.ofNullable(byHash.get(h));
    }

    /** Ends the session of a cookie's id, if any. */
    public void end(String id) {
        if (id != null && !id.isEmpty() && id.length() <= 100) {
            byHash.remove(hash(id));
        }
    }

    public int size() {
        return byHash.size();
    }

    /** 256 random bits, base64url without padding. */
    public String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time comparison of a submitted token with the expected one. */
    public static boolean sameToken(String expected, String submitted) {
        return submitted != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        byHash.values().removeIf(s -> expired(s, now));
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
