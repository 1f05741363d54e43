package io.salus.fhir.internal;

/** Small text helpers for failure messages. Thread-safe (stateless). */
public final class Texts {

    private static final int MAX = 120;

    private Texts() {
    }

    /** The text cut to a readable length, so a hostile value cannot blow up an error message. */
    public static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= MAX ? text : text.substring(0, MAX) + "... (" + text.length() + " chars)";
    }
}
