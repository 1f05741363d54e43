package io.salus.core.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What every member of a study applies to its own patients: the study, the consumer (an account of the coordinating
 * node) and its organisation (whose budget each member charges), the deal's criteria, categories and purpose (the
 * deal lives at the coordinating node), and the spec. Immutable.
 */
public record StudyTerms(UUID study, Hash32 deal, EvmAddress consumer, String organisation, byte[] criteriaJson,
        List<Category> categories, Purpose purpose, StudySpec spec) {
    public StudyTerms {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(organisation, "organisation");
        criteriaJson = criteriaJson.clone();
        categories = List.copyOf(categories);
    }

    @Override
    public byte[] criteriaJson() {
        return criteriaJson.clone();
    }

    /** The round's id in the masks and seals: no mask or sealed share is reused across studies or rounds. */
    public byte[] roundId(int round) {
        return ("salus/study/" + study + "/round/" + round).getBytes(StandardCharsets.US_ASCII);
    }
}
