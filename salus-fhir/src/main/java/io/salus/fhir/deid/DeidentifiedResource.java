package io.salus.fhir.deid;

/**
 * One de-identified resource: its type, its pseudonymous id and its JSON (one line, UTF-8, no trailing newline).
 * Holds the array given; callers must not modify it.
 */
public record DeidentifiedResource(String resourceType, String id, byte[] json) {
}
