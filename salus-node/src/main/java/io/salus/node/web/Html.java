package io.salus.node.web;

import java.util.Objects;

/**
 * A piece of HTML markup that is safe to send. Every value placed into markup is escaped unless it is itself an
 * {@code Html}: {@link #of} fills {@code {}} placeholders with escaped values, {@link #text} escapes one value. Only
 * {@link #raw} takes markup as is, and is meant for literal markup written in the code, never for data. Escaping
 * covers text and double- or single-quoted attribute values; URLs placed in {@code href} must be built by the portal
 * (paths and ids), never taken from user input. Immutable and thread-safe.
 */
public final class Html {
    public static final Html EMPTY = new Html("");
    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /** Literal markup written in the code. Never pass data here. */
    public static Html raw(String trustedMarkup) {
        return new Html(Objects.requireNonNull(trustedMarkup));
    }

    /** A value as text: escaped (null becomes the empty string). */
    public static Html text(Object value) {
        return value instanceof Html h ? h : new Html(escape(value == null ? "" : value.toString()));
    }

    /**
     * A template with {@code {}} placeholders filled in order: {@code Html} arguments go in as markup, anything else is
     * escaped. The template itself is literal markup written in the code.
     */
    public static Html of(String template, Object... args) {
        StringBuilder sb = new StringBuilder(template.length() + 16 * args.length);
        int from = 0;
        int used = 0;
        for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
            if (used == args.length) {
                throw new IllegalArgumentException("more placeholders than arguments in: " + template);
            }
            sb.append(template, from, at).append(text(args[used++]).markup);
            from = at + 2;
        }
        if (used != args.length) {
            throw new IllegalArgumentException("more arguments than placeholders in: " + template);
        }
        return new Html(sb.append(template, from, template.length()).toString());
    }

    /** The pieces one after the other. */
    public static Html join(Iterable<Html> pieces) {
        StringBuilder sb = new StringBuilder();
        for (Html h : pieces) {
            sb.append(h.markup);
        }
        return new Html(sb.toString());
    }

    public static Html concat(Html... pieces) {
        return join(java.util.Arrays.asList(pieces));
    }

    /** Escapes {@code & < > " '} so a value is inert in text and in quoted attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return markup;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Html h && h.markup.equals(markup);
    }

    @Override
    public int hashCode() {
        return markup.hashCode();
    }
}
