package io.salus.node.demo;

import io.salus.core.account.AccountId;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's accounts and their API tokens, kept in {@code <data dir>/demo/accounts.properties} (owner-only) so that a
 * second {@code ./salus demo} reuses them. Demo-only: a real deployment never stores tokens.
 */
final class DemoAccounts {
    record Entry(AccountId id, String token) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private DemoAccounts(Path file) {
        this.file = file;
    }

    static DemoAccounts load(Path dataDir) {
        DemoAccounts d = new DemoAccounts(dataDir.resolve("demo").resolve("accounts.properties"));
        if (Files.isRegularFile(d.file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(d.file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + d.file + ": " + e.getMessage(), e);
            }
            for (String name : p.stringPropertyNames()) {
                if (name.endsWith(".id")) {
                    String role = name.substring(0, name.length() - 3);
                    d.entries.put(role, new Entry(AccountId.parse(p.getProperty(name)).orElseThrow(),
                            p.getProperty(role + ".token")));
                }
            }
        }
        return d;
    }

    Optional<Entry> get(String role) {
        return Optional.ofNullable(entries.get(role));
    }

    void put(String role, Entry e) {
        entries.put(role, e);
        save();
    }

    private void save() {
        Properties p = new Properties();
        entries.forEach((role, e) -> {
            p.setProperty(role + ".id", e.id().toString());
            p.setProperty(role + ".token", e.token());
        });
        try {
            StringWriter w = new StringWriter();
            p.store(w, "Salus demo accounts - DEMO ONLY: contains API tokens");
            AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
