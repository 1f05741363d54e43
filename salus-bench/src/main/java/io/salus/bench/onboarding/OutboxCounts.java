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
    /** Often enough for the phases' timings (seconds to hours), rare enough not to load the database it measures. */
    private static final Duration POLL = Duration.ofMillis(250);

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

    /** Records in mined anchor batches (what {@code RecordStore.stats()} reports, without its full-table counts). */
    static long anchored(Node node) {
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(size), 0) FROM anchor_batch WHERE tx_hash IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the anchor batches", e);
        }
    }

    static void awaitAnchored(Node node, long target) {
        await(() -> anchored(node), target, "anchored records");
    }

    private static void await(LongSupplier count, long target, String what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (count.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not reach " + target + " within " + LIMIT);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
