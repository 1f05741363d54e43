package io.salus.core.scores;

/**
 * Race as the Pooled Cohort Equations use it. There are equations for white and African-American adults only; for
 * others the guideline suggests the white equations (which may over- or underestimate their risk).
 */
public enum Race {
    WHITE,
    AFRICAN_AMERICAN,
    OTHER
}
