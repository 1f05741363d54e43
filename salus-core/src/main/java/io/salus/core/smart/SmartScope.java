package io.salus.core.smart;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART App Launch resource scope: {@code patient/Observation.rs} (SMART v2) or {@code patient/Observation.read}
 * (v1, read and search). Only the {@code patient} context is served (standalone patient launch); the resource type is
 * a FHIR type name or {@code *}. Thread-safe (immutable).
 */
public record SmartScope(String resourceType, Set<Interaction> interactions) {

    /** The SMART v2 interactions, in the order their letters must appear ({@code cruds}). */
    public enum Interaction {
        CREATE('c'),
        READ('r'),
        UPDATE('u'),
        DELETE('d'),
        SEARCH('s');

        private final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    private static final Pattern FORM = Pattern.compile("patient/(\\*|[A-Z][A-Za-z]{1,63})\\.([a-z*]+)");

    public SmartScope {
        interactions = interactions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(interactions));
    }

    /** A patient resource scope, or empty for anything else (including malformed ones and other contexts). */
    public static Optional<SmartScope> parse(String scope) {
        Matcher m = FORM.matcher(scope);
        if (!m.matches()) {
            return Optional.empty();
        }
        String ops = m.group(2);
        Set<Interaction> set = EnumSet.noneOf(Interaction.class);
        switch (ops) {
            case "read" -> set.addAll(EnumSet.of(Interaction.READ, Interaction.SEARCH));
            case "write" -> set.addAll(EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE));
            case "*" -> set.addAll(EnumSet.allOf(Interaction.class));
            default -> {
                int last = -1;
                for (char c : ops.toCharArray()) {
                    Optional<Interaction> i = ofLetter(c);
                    if (i.isEmpty() || i.get().ordinal() <= last) {
                        return Optional.empty(); // unknown letter, repeated or out of cruds order
                    }
                    last = i.get().ordinal();
                    set.add(i.get());
                }
            }
        }
        return Optional.of(new SmartScope(m.group(1), set));
    }

    /** Whether this scope allows the interaction on the resource type. */
    public boolean allows(String type, Interaction interaction) {
        return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.contains(interaction);
    }

    /** The scope in SMART v2 form, e.g. {@code patient/Observation.rs}. */
    public String text() {
        StringBuilder sb = new StringBuilder("patient/").append(resourceType).append('.');
        for (Interaction i : Interaction.values()) {
            if (interactions.contains(i)) {
                sb.append(i.letter());
            }
        }
        return sb.toString();
    }

    private static Optional<Interaction> ofLetter(char c) {
        for (Interaction i : Interaction.values()) {
            if (i.letter == Character.toLowerCase(c) && Character.isLowerCase(c)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text();
    }
}
