package io.salus.core.federation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signature parameters of a node request (RFC 9421 section 2.3): the covered components, when it was created and
 * expires, a nonce against replay, the signing node ({@code keyid}: its relayer address) and the algorithm
 * ({@code ed25519}). Serialised as the value of the {@code sig1} member of {@code Signature-Input}. Immutable.
 */
public record SignatureInput(List<String> components, long created, long expires, String nonce, String keyId) {
    /** The components every node request covers: the method, the path and the body's digest (RFC 9530). */
    public static final List<String> COMPONENTS = List.of("@method", "@path", "content-digest");
    public static final String LABEL = "sig1";
    private static final Pattern PARAMS = Pattern.compile("\\(((?:\"[a-z@-]+\" ?)*)\\);created=(\\d{1,12});"
            + "expires=(\\d{1,12});nonce=\"([A-Za-z0-9_-]{16,64})\";keyid=\"(0x[0-9a-f]{40})\";alg=\"ed25519\"");

    public SignatureInput {
        components = List.copyOf(components);
    }

    /** The serialised parameters: {@code ("@method" "@path" "content-digest");created=...;...;alg="ed25519"}. */
    public String serialise() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
            b.append(i == 0 ? "" : " ").append('"').append(components.get(i)).append('"');
        }
        return b.append(");created=").append(created).append(";expires=").append(expires).append(";nonce=\"")
                .append(nonce).append("\";keyid=\"").append(keyId).append("\";alg=\"ed25519\"").toString();
    }

    /** The {@code Signature-Input} header value. */
    public String header() {
        return LABEL + "=" + serialise();
    }

    /** Parses a {@code Signature-Input} header of exactly one signature labelled {@code sig1}, in this form. */
    public static Optional<SignatureInput> parse(String header) {
        if (header == null || !header.startsWith(LABEL + "=")) {
            return Optional.empty();
        }
        Matcher m = PARAMS.matcher(header.substring(LABEL.length() + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> components = m.group(1).isBlank()
                ? List.of()
                : List.of(m.group(1).strip().replace("\"", "").split(" "));
        return Optional.of(new SignatureInput(components, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                m.group(4), m.group(5)));
    }

    /**
     * The signature base (RFC 9421 section 2.5) of a request with this method, path and {@code Content-Digest}: one
     * line per covered component, then {@code "@signature-params"}, joined by newlines.
     */
    public String base(String method, String path, String contentDigest) {
        StringBuilder b = new StringBuilder();
        for (String c : components) {
            String value = switch (c) {
                case "@method" -> method;
                case "@path" -> path;
                case "content-digest" -> contentDigest;
                default -> throw new IllegalArgumentException("component not supported: " + c);
            };
            b.append('"').append(c).append("\": ").append(value).append('\n');
        }
        return b.append("\"@signature-params\": ").append(serialise()).toString();
    }
}
