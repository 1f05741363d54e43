package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Requests between nodes, signed with the sending node's registered Ed25519 key (RFC 9421 HTTP Message Signatures
 * over the method, the path and the body's {@code Content-Digest}, with {@code created}, {@code expires} and a fresh
 * nonce). A receiving node accepts a request only when the digest matches the body, the signature verifies with the
 * key the NodeRegistry lists for the {@code keyid}, that node is an active member, the request is inside its
 * validity window (at most {@code window} long, {@code created} not in the future beyond {@code skew}), and its
 * nonce was never seen (checked last, so a forged request cannot burn a nonce). Thread-safe.
 */
public final class NodeRequests {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private final NodeKey self;
    private final MemberDirectory directory;
    private final SignatureCheck check;
    private final NonceStore nonces;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration window;

    public NodeRequests(NodeKey self, MemberDirectory directory, SignatureCheck check, NonceStore nonces, Clock clock,
            SecureRandom random, Duration window) {
        this.self = self;
        this.directory = directory;
        this.check = check;
        this.nonces = nonces;
        this.clock = clock;
        this.random = random;
        this.window = window;
    }

    /** This node's identity in the alliance. */
    public EvmAddress self() {
        return self.node();
    }

    /** Signs a request this node sends. */
    public SignedHeaders sign(String method, String path, byte[] body) {
        long now = clock.instant().getEpochSecond();
        byte[] n = new byte[18];
        random.nextBytes(n);
        SignatureInput input = new SignatureInput(SignatureInput.COMPONENTS, now, now + window.toSeconds(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(n), self.node().hex());
        String digest = SignedHeaders.digestOf(body);
        byte[] signature = self.sign(input.base(method, path, digest).getBytes(StandardCharsets.UTF_8));
        return new SignedHeaders(digest, input.header(), SignedHeaders.signatureHeader(signature));
    }

    /** Verifies a request this node received; the member that sent it, or why it is refused. */
    public Result<Member> verify(String method, String path, SignedHeaders h, byte[] body) {
        Optional<SignatureInput> parsed = SignatureInput.parse(h.signatureInput());
        Optional<byte[]> signature = h.signatureBytes();
        if (parsed.isEmpty() || signature.isEmpty()
                || !parsed.get().components().equals(SignatureInput.COMPONENTS)) {
            return Result.fail(ErrorCode.NODE_SIGNATURE_INVALID,
                    "a node request carries one ed25519 signature sig1 over @method, @path and content-digest");
        }
        SignatureInput in = parsed.get();
        if (h.contentDigest() == null || !h.contentDigest().equals(SignedHeaders.digestOf(body))) {
            return Result.fail(ErrorCode.CONTENT_DIGEST_MISMATCH, "the Content-Digest is not the body's sha-256");
        }
        long now = clock.instant().getEpochSecond();
        if (in.expires() <= now || in.created() > now + SKEW.toSeconds()
                || in.expires() - in.created() > window.toSeconds() || in.expires() < in.created()) {
            return Result.fail(ErrorCode.NODE_REQUEST_EXPIRED, "the request was created at " + in.created()
                    + " and expires at " + in.expires() + "; it is now " + now);
        }
        EvmAddress sender = new EvmAddress(in.keyId());
        Optional<Member> member = directory.member(sender);
        if (member.isEmpty()) {
            return Result.fail(ErrorCode.NODE_UNKNOWN, "node " + sender + " is not in the NodeRegistry");
        }
        byte[] base = in.base(method, path, h.contentDigest()).getBytes(StandardCharsets.UTF_8);
        if (!check.verify(member.get().signingKey(), base, signature.get())) {
            return Result.fail(ErrorCode.NODE_SIGNATURE_INVALID,
                    "the signature does not verify with the key registered for " + sender);
        }
        if (!member.get().active()) {
            return Result.fail(ErrorCode.NODE_REMOVED, "node " + sender + " was removed from the alliance");
        }
        if (!nonces.firstUse(sender, in.nonce(), Instant.ofEpochSecond(in.expires()))) {
            return Result.fail(ErrorCode.NODE_REQUEST_REPLAYED, "nonce " + in.nonce() + " of " + sender
                    + " was used already");
        }
        return Result.ok(member.get());
    }
}
