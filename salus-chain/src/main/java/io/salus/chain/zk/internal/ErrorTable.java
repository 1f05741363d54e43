package io.salus.chain.zk.internal;

import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Custom errors by selector ({@code 0x} + 8 hex digits) with their names and the failure code each means, optionally
 * backed by another table for errors this one does not list. Immutable and thread-safe.
 */
public final class ErrorTable {
    private final Map<String, ErrorCode> codes;
    private final Map<String, String> names;
    private final Optional<ErrorTable> fallback;

    private ErrorTable(Map<String, ErrorCode> codes, Map<String, String> names, Optional<ErrorTable> fallback) {
        this.codes = Map.copyOf(codes);
        this.names = Map.copyOf(names);
        this.fallback = fallback;
    }

    /** A table of error signatures ({@code Name(type,...)}) and their codes. */
    public static ErrorTable of(Map<String, ErrorCode> bySignature) {
        Map<String, ErrorCode> codes = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        bySignature.forEach((signature, code) -> {
            String selector = Hash.sha3String(signature).substring(0, 10);
            codes.put(selector, code);
            names.put(selector, signature.substring(0, signature.indexOf('(')));
        });
        return new ErrorTable(codes, names, Optional.empty());
    }

    /** This table, then {@code other} for errors it does not list. */
    public ErrorTable orElse(ErrorTable other) {
        return new ErrorTable(codes, names, Optional.of(other));
    }

    /** The custom error's name, if the revert data ({@code 0x} + selector + arguments) is one listed. */
    public Optional<String> name(String revertData) {
        return lookup(revertData, names).or(() -> fallback.flatMap(f -> f.name(revertData)));
    }

    /** The failure code of the revert data, if its error is listed. */
    public Optional<ErrorCode> code(String revertData) {
        return lookup(revertData, codes).or(() -> fallback.flatMap(f -> f.code(revertData)));
    }

    private static <T> Optional<T> lookup(String revertData, Map<String, T> map) {
        return revertData == null || revertData.length() < 10
                ? Optional.empty()
                : Optional.ofNullable(map.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }
}
