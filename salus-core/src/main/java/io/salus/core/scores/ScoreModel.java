package io.salus.core.scores;

import java.util.Objects;

/** Which published model a score is: its name, the version (publication) implemented, and where it is published. */
public record ScoreModel(String name, String version, String source) {
    public ScoreModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
    }
}
