package io.salus.node.demo;

import io.salus.core.smart.SmartClients;
import io.salus.node.wiring.Node;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo's SMART app: a public client (PKCE only) registered once by the operator, its id kept in
 * {@code <data dir>/demo/smart-app.client} so that a second {@code ./salus demo} reuses it. Any SMART app can read a
 * demo patient's records the same way once the operator registered it (docs/fhir.md).
 */
public final class DemoSmartApp {
    /** Where the browser is sent back with the code (nothing needs to listen: the code is in the address). */
    public static final String REDIRECT = "http://127.0.0.1:8000/callback";
    public static final String SCOPES = "launch/patient patient/*.rs offline_access";

    private DemoSmartApp() {
    }

    /** The demo app's client id, registered now if the node does not know it yet. */
    public static String ensure(Node node) {
        Path file = node.settings().dataDir().resolve("demo").resolve("smart-app.client");
        SmartClients clients = node.smartClients();
        Optional<String> known = read(file).filter(id -> clients.find(id).isPresent());
        if (known.isPresent()) {
            return known.get();
        }
        String id = clients.register(node.operator(), new SmartClients.NewClient("Salus demo app (DEMO)", false,
                List.of(REDIRECT), SCOPES)).orElseThrow().client().clientId();
        try {
            AtomicFiles.write(file, id.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return id;
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
