package io.salus.bench.onboarding;

import io.salus.node.wiring.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Waiting for the node's background work: outbox messages done by kind, records anchored. Stateless. */
final class OutboxCounts {
    private static final Duration LIMIT = Duration.ofHours(6);

    private OutboxCounts() {
    }

    static long done(Node node, String kind) {
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c
                        .prepareStatement("SELECT count(*) FROM outbox WHERE kind = ? AND status = 'done'")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    static void awaitDone(Node node, String kind, long target) {
        await(() -> done(node, kind), target, kind);
    }

    static void awaitAnchored(Node node, long target) {
        await(() -> node.recordStore().stats().anchoredRecords(), target, "anchored records");
    }

    private static void await(LongSupplier count, long target, String what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (count.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not reach " + target + " within " + LIMIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
