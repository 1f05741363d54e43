package io.salus.node.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The MQTT 5 broker the node starts itself: HiveMQ Community Edition embedded, in-memory persistence, one TCP
 * listener on {@code host:port} (port 0: a free one, found before start), packets no larger than the HTTP body limit,
 * no usage statistics, and the {@link DeviceTopicGuard} as its only extension. Its configuration lives under
 * {@code <data dir>/mqtt}; nothing it holds survives a stop (a device whose batch was not answered sends it again).
 */
public final class HiveMqEmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final String host;
    private final int port;

    private HiveMqEmbeddedBroker(EmbeddedHiveMQ hivemq, String host, int port) {
        this.hivemq = hivemq;
        this.host = host;
        this.port = port;
    }

    /** Starts the broker; {@code nodePassword} is what the node's own client must present. */
    public static HiveMqEmbeddedBroker start(Path dir, String host, int port, long maxPacketBytes,
            String nodePassword) {
        try {
            int listen = port == 0 ? freePort(host) : port;
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), config(host, listen, maxPacketBytes));
            EmbeddedExtension guard = EmbeddedExtension.builder().withId("salus-device-topics")
                    .withName("Salus device topics").withVersion("1").withPriority(1000).withStartPriority(1000)
                    .withExtensionMain(new DeviceTopicGuard(DeviceTopicGuard.utf8(nodePassword))).build();
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(dir.resolve("data")))
                    .withExtensionsFolder(dir.resolve("extensions")).withEmbeddedExtension(guard)
                    .withoutLoggingBootstrap().build();
            try {
                hivemq.start().join();
            } catch (CompletionException e) {
                closeQuietly(hivemq);
                throw new IllegalStateException("the embedded MQTT broker did not start on " + host + ":" + listen
                        + ": " + e.getCause(), e);
            }
            return new HiveMqEmbeddedBroker(hivemq, host, listen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the MQTT broker's directory " + dir, e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private static String config(String host, int port, long maxPacketBytes) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                  </listeners>
                  <mqtt>
                    <packets><max-packet-size>%d</max-packet-size></packets>
                    <retained-messages><enabled>false</enabled></retained-messages>
                  </mqtt>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host, maxPacketBytes);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ h) {
        try {
            h.close();
        } catch (ExecutionException | RuntimeException e) {
            // already failing; the start error is the one reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
            hivemq.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedded MQTT broker did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
