package io.salus.core.account;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    public static Optional<AccountId> parse(String s) {
        try {
            return Optional.of(new AccountId(UUID.fromString(s)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
