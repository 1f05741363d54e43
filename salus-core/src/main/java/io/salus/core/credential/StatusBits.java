package io.salus.core.credential;

/** An issuer's verified status list: one bit per status index, set when that credential is revoked. */
@FunctionalInterface
public interface StatusBits {

    /** Whether the credential at {@code index} is revoked; {@link IllegalArgumentException} outside the list. */
    boolean revoked(int index);
}
