package io.salus.core.scores;

/** One input a score used, by its name and the value it was given (as text, with its unit if it has one). */
public record ScoreInput(String name, String value) {
}
