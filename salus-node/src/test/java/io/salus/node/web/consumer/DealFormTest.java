package io.salus.node.web.consumer;

import static io.salus.node.web.consumer.CohortFormTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.deal.DealPosting;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DealFormTest {
    private final DealForm form = new DealForm();

    private static String[] deal(String... extra) {
        String[] base = {"code.0", "condition|snomed|44054006", "categories", "CONDITIONS", "purpose", "HRESCH",
                "pricePerPatient", "2000000", "maxPatients", "10", "deadline", "2030-01-31T12:00", "split.patient",
                "6000", "split.providers", "2000", "split.caregiver", "500", "split.daoTreasury", "500",
                "split.operator", "1000"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aCompleteForm_becomesTheSameOfferAsTheApiTakes() {
        DealPosting.Offer o = form.read(fields(deal())).orElseThrow();

        assertThat(o.pricePerPatient()).isEqualTo(2_000_000L);
        assertThat(o.maxPatients()).isEqualTo(10);
        assertThat(o.deadline()).isEqualTo(Instant.parse("2030-01-31T12:00:00Z"));
        assertThat(o.split()).contains(new Split(6000, 2000, 500, 500, 1000));
        assertThat(new String(o.criteria(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"all\":[{\"condition\":{\"system\":\"snomed\",\"code\":\"44054006\"}}]}");
    }

    @Test
    void anIsoInstantDeadline_isTakenAsIs() {
        java.util.Map<String, java.util.List<String>> f = fields(deal());
        f.put("deadline", java.util.List.of("2031-02-01T00:00:00Z"));

        assertThat(form.read(f).orElseThrow().deadline()).isEqualTo(Instant.parse("2031-02-01T00:00:00Z"));
    }

    @Test
    void aSplitNotSummingToTenThousand_isRefusedWithTheDealFormCode() {
        java.util.Map<String, java.util.List<String>> f = fields(deal());
        f.put("split.patient", java.util.List.of("7000"));

        Result<DealPosting.Offer> r = form.read(f);

        assertThat(r.failure().code()).isEqualTo(ErrorCode.DEAL_FORM_INVALID);
        assertThat(r.failure().issues().get(0).location()).isEqualTo("split.patient");
    }

    @Test
    void aMissingPriceOrBadDeadline_namesTheField() {
        java.util.Map<String, java.util.List<String>> f = fields(deal());
        f.put("pricePerPatient", java.util.List.of("two"));
        assertThat(form.read(f).failure().issues().get(0).location()).isEqualTo("pricePerPatient");

        f = fields(deal());
        f.put("deadline", java.util.List.of("next week"));
        assertThat(form.read(f).failure().issues().get(0).location()).isEqualTo("deadline");
    }

    @Test
    void aBadCohort_isRefusedWithTheCohortCode() {
        java.util.Map<String, java.util.List<String>> f = fields(deal());
        f.remove("code.0");

        assertThat(form.read(f).failure().code()).isEqualTo(ErrorCode.COHORT_FORM_INVALID);
    }

    @Test
    void theDecryptHint_namesTheExactCliCommands() {
        DecryptHint h = DecryptHint.of("http://127.0.0.1:7070", "0xabcdef0123456789");

        assertThat(h.decrypt()).isEqualTo(
                "./salus deal decrypt --in deal-abcdef01.salus --out deal-abcdef01.zip --key-file key.hex");
        assertThat(h.download()).isEqualTo("./salus deal download --url http://127.0.0.1:7070 --deal "
                + "0xabcdef0123456789 --out deal-abcdef01.salus");
        assertThat(h.keyExport()).contains("/accounts/me/key-export").contains("encryptionPrivateKey");
    }
}
