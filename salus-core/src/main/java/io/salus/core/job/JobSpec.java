package io.salus.core.job;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a consumer asks to run: an algorithm ({@code mean}, {@code quantiles}, {@code rates}, {@code kaplan-meier}, {@code logistic} or
 * {@code wasm}), the columns it reads (see
 * {@link Columns}), its parameters, the ε to spend on the release, and for {@code wasm} the module's bytes. Nothing is
 * checked here: the approval checks it against the deal and the node's policy. Immutable.
 */
public record JobSpec(String algorithm, List<String> columns, Map<String, String> parameters, String epsilon,
        Optional<byte[]> module) {
    public static final String MEAN = "mean";
    public static final String RATES = "rates";
    public static final String WASM = "wasm";
    public static final String KAPLAN_MEIER = "kaplan-meier";
    public static final String LOGISTIC = "logistic";
    public static final String QUANTILES = "quantiles";
    public static final List<String> ALGORITHMS = List.of(MEAN, QUANTILES, RATES, KAPLAN_MEIER, LOGISTIC, WASM);

    public JobSpec {
        Objects.requireNonNull(algorithm, "algorithm");
        columns = List.copyOf(columns);
        parameters = Map.copyOf(new TreeMap<>(parameters));
        Objects.requireNonNull(epsilon, "epsilon");
        module = module.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> module() {
        return module.map(byte[]::clone);
    }

    /**
     * The algorithm's hash, as recorded on chain: keccak-256 of the module's bytes for {@code wasm}; for a built-in,
     * of its name, columns and parameters in a canonical text form, so the same question always hashes the same.
     */
    public Hash32 algorithmHash() {
        if (module.isPresent()) {
            return Hashing.keccak256(module.get());
        }
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        StringBuilder text = new StringBuilder("salus/builtin/1|").append(algorithm).append('|')
                .append(String.join(",", columns));
        sorted.forEach((k, v) -> text.append('|').append(k).append('=').append(v));
        return Hashing.keccak256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A parameter, if given. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
