package io.salus.node.web;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The portal's sessions, in a {@link SessionStore}: this process's memory (a restart signs everyone out), or the
 * database every instance of the node shares (decision 0031). A session id is 256 random bits; only its SHA-256 is
 * kept, so neither a heap dump nor a database dump hands out live cookies. A session unused for the idle timeout is
 * gone (the clock is injected so tests can advance it). Thread-safe.
 */
public final class Sessions {
    /** A new session and the id to put in the cookie (the only place the id exists). */
    public record Opened(String id, Session session) {
    }

    private final SessionStore store;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random;

    /** Sessions in this process's memory. */
    public Sessions(Clock clock, Duration idle, SecureRandom random) {
        this(SessionStore.inMemory(), clock, idle, random);
    }

    public Sessions(SessionStore store, Clock clock, Duration idle, SecureRandom random) {
        this.store = store;
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
        store.put(new SessionStore.Stored(s.idHash(), account, tokenHash, s.csrfToken(), now, now));
        return new Opened(id, s);
    }

    /** The live session of a cookie's id, marked as used now; empty (and forgotten) once idle too long. */
    public Optional<Session> use(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String h = hash(id);
        Instant now = clock.instant();
        Optional<SessionStore.Stored> found = store.find(h);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Stored s = found.get();
        if (!now.isBefore(s.lastSeen().plus(idle))) {
            store.remove(h);
            return Optional.empty();
        }
        store.touch(h, now);
        return Optional.of(new Session(h, s.account(), s.tokenHash(), s.csrfToken(), s.signedInAt(),
                now.isAfter(s.lastSeen()) ? now : s.lastSeen()));
    }

    /** Ends the session of a cookie's id, if any. */
    public void end(String id) {
        if (id != null && !id.isEmpty() && id.length() <= 100) {
            store.remove(hash(id));
        }
    }

    public int size() {
        return store.size();
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

    private void purgeExpired() {
        store.removeIdleSince(clock.instant().minus(idle));
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
