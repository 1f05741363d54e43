package io.salus.core.anchor;

import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A batch of records cut for anchoring; {@code anchored} is present once its root is mined. */
public record AnchorBatch(UUID id, Hash32 batchKey, Hash32 root, int size, Instant cutAt, Optional<AnchorTx> anchored) {
}
