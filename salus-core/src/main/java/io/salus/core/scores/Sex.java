package io.salus.core.scores;

/** Sex as the published scores use it (their equations and tables are by sex). */
public enum Sex {
    FEMALE,
    MALE
}
