package io.salus.crypto;

import java.util.List;

/**
 * What a KEK keyset holds: the id of the primary key (new wraps use it) and the ids of all keys (any of them can
 * still unwrap). Ids are Tink key ids, printed by the key commands.
 */
public record KekStatus(int primaryKeyId, List<Integer> keyIds) {
    public KekStatus {
        keyIds = List.copyOf(keyIds);
    }
}
