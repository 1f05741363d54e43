package io.salus.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The committed FHIR fixtures, read from the classpath (works from a directory or a jar). Synthetic patients made by
 * Synthea live under {@code fixtures/synthea/}, hand-written hostile or edge cases under {@code fixtures/invalid/};
 * each folder has an {@code index.txt} listing its files, since a jar cannot be listed portably. Names passed to
 * {@link #bytes} and {@link #string} are relative to {@code fixtures/}, e.g. {@code synthea/Abe604_Rath779.json}.
 * Thread-safe (stateless).
 */
public final class Fixtures {

    private static final String ROOT = "fixtures/";

    private Fixtures() {
    }

    /** The Synthea patient bundles, as names for {@link #bytes}, sorted. */
    public static List<String> syntheaBundles() {
        return index("synthea");
    }

    /** The hand-written invalid or hostile fixtures, as names for {@link #bytes}, sorted. */
    public static List<String> invalidFixtures() {
        return index("invalid");
    }

    /** The bytes of one fixture; throws {@link IllegalArgumentException} if there is no such fixture. */
    public static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }

    /** One fixture decoded as UTF-8. */
    public static String string(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static List<String> index(String folder) {
        try (InputStream in = open(folder + "/index.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> folder + "/" + l).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture index of " + folder, e);
        }
    }

    private static InputStream open(String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new IllegalArgumentException("not a fixture name: " + name);
        }
        InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalArgumentException("no such fixture: " + name);
        }
        return in;
    }
}
