package io.salus.core.dao;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A DAO proposal: its id on the governor (the hash of its actions and description), its actions and its description.
 * Queueing and executing need the same actions and description, so they are kept with the id.
 */
public record Proposal(BigInteger id, List<PolicyChange> changes, String description) {
    public Proposal {
        Objects.requireNonNull(id, "id");
        changes = List.copyOf(changes);
        Objects.requireNonNull(description, "description");
    }
}
