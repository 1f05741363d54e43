package io.salus.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The Poseidon hash over BN254 exactly as circomlib's {@code Poseidon(n)} template and circomlibjs compute it (the
 * reference permutation: 8 full rounds, the partial rounds of the paper's table for width n + 1, x^5 S-box, initial
 * state 0). The round constants and MDS matrices are circomlibjs's, copied by the build from the locked npm package
 * into the resource {@code poseidon-constants.json} (arities 1 to 5). Checked against circomlibjs in
 * {@code CircomlibjsVectorsTest}. Stateless and thread-safe.
 */
public final class Poseidon {
    public static final int MAX_INPUTS = 5;
    private static final int FULL_ROUNDS = 8;
    private static final int[] PARTIAL_ROUNDS = {56, 57, 56, 60, 60};
    private static final Params[] PARAMS = load();

    private Poseidon() {
    }

    /** Poseidon of 1 to 5 field elements. */
    public static BigInteger hash(BigInteger... inputs) {
        if (inputs.length < 1 || inputs.length > MAX_INPUTS) {
            throw new IllegalArgumentException("Poseidon takes 1 to " + MAX_INPUTS + " inputs, not " + inputs.length);
        }
        for (BigInteger in : inputs) {
            if (!Bn254.isElement(in)) {
                throw new IllegalArgumentException("not a field element: " + in);
            }
        }
        Params p = PARAMS[inputs.length - 1];
        int t = inputs.length + 1;
        int partial = PARTIAL_ROUNDS[inputs.length - 1];
        BigInteger[] state = new BigInteger[t];
        state[0] = BigInteger.ZERO;
        System.arraycopy(inputs, 0, state, 1, inputs.length);
        for (int r = 0; r < FULL_ROUNDS + partial; r++) {
            for (int i = 0; i < t; i++) {
                state[i] = Bn254.add(state[i], p.c[r * t + i]);
            }
            boolean full = r < FULL_ROUNDS / 2 || r >= FULL_ROUNDS / 2 + partial;
            for (int i = 0; i < (full ? t : 1); i++) {
                state[i] = pow5(state[i]);
            }
            state = mix(state, p.m);
        }
        return state[0];
    }

    private static BigInteger pow5(BigInteger a) {
        BigInteger sq = Bn254.mul(a, a);
        return Bn254.mul(a, Bn254.mul(sq, sq));
    }

    private static BigInteger[] mix(BigInteger[] state, BigInteger[][] m) {
        BigInteger[] out = new BigInteger[state.length];
        for (int i = 0; i < state.length; i++) {
            BigInteger acc = BigInteger.ZERO;
            for (int j = 0; j < state.length; j++) {
                acc = acc.add(m[i][j].multiply(state[j]));
            }
            out[i] = acc.mod(Bn254.R);
        }
        return out;
    }

    private static Params[] load() {
        try (InputStream in = Poseidon.class.getResourceAsStream("poseidon-constants.json")) {
            if (in == null) {
                throw new IllegalStateException("poseidon-constants.json is missing: build salus-zk (its build copies "
                        + "the constants from circomlibjs)");
            }
            JsonNode all = new ObjectMapper().readTree(in);
            Params[] params = new Params[MAX_INPUTS];
            for (int n = 1; n <= MAX_INPUTS; n++) {
                JsonNode arity = all.path(Integer.toString(n));
                BigInteger[] c = new BigInteger[arity.path("C").size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = element(arity.path("C").get(i).asText());
                }
                BigInteger[][] m = new BigInteger[n + 1][n + 1];
                for (int i = 0; i <= n; i++) {
                    for (int j = 0; j <= n; j++) {
                        m[i][j] = element(arity.path("M").get(i).get(j).asText());
                    }
                }
                if (c.length != (FULL_ROUNDS + PARTIAL_ROUNDS[n - 1]) * (n + 1)) {
                    throw new IllegalStateException("unexpected number of Poseidon round constants for " + n);
                }
                params[n - 1] = new Params(c, m);
            }
            return params;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Poseidon constants", e);
        }
    }

    private static BigInteger element(String text) {
        return text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
    }

    private record Params(BigInteger[] c, BigInteger[][] m) {
    }
}
