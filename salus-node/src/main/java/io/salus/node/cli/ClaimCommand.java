package io.salus.node.cli;

import io.salus.fhir.claims.ClaimForm;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "claim", mixinStandardHelpOptions = true, description = "Insurance claims (docs/care.md): an insurer "
        + "publishes coverage and funds payouts; a provider submits a FHIR R4 Claim, adjudicated at once; the patient, "
        + "the provider and the insurer see their claims.", subcommands = {ClaimCommand.Coverage.class,
                ClaimCommand.Submit.class})
final class ClaimCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true, description = "As the insurer: publish a patient's "
            + "coverage (period, and per service code the most it pays over the plan, in smallest token units).")
    static final class Coverage implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--patient", required = true, description = "The patient's account id.")
        String patient;
        @Option(names = "--start", required = true, description = "First day covered (YYYY-MM-DD).")
        String start;
        @Option(names = "--end", required = true, description = "Last day covered (YYYY-MM-DD).")
        String end;
        @Option(names = "--limit", required = true, description = "code=units, repeatable (e.g. 99213=150000000).")
        Map<String, Long> limits;

        @Override
        public Integer call() {
            return api.call("POST", "/coverages", Map.of("patientId", patient, "start", start, "end", end, "limits",
                    limits));
        }
    }

    @Command(name = "fund", mixinStandardHelpOptions = true, description = "As the insurer: move tokens from your "
            + "account into your payout balance in ClaimsPayout.")
    int fund(@Mixin ApiClient api, @Parameters(paramLabel = "UNITS") long amount) {
        return api.call("POST", "/claims/funds", Map.of("amount", amount));
    }

    @Command(name = "funds", mixinStandardHelpOptions = true, description = "Your payout balance in ClaimsPayout.")
    int funds(@Mixin ApiClient api) {
        return api.call("GET", "/claims/funds", null);
    }

    @Command(name = "coverages", mixinStandardHelpOptions = true, description = "The coverages you are the insurer "
            + "or the patient of.")
    int coverages(@Mixin ApiClient api) {
        return api.call("GET", "/coverages", null);
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "As a provider: submit a FHIR R4 Claim "
            + "for a patient, either a file (--file) or one item built here (--coverage, --service, --date, --amount, "
            + "--evidence); prints the adjudication and the ClaimResponse.")
    static final class Submit implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--patient", required = true, description = "The patient's account id.")
        String patient;
        @Option(names = "--file", description = "A Claim (FHIR R4 JSON) to submit as it is.")
        Path file;
        @Option(names = "--me", description = "Your own account id (the provider), for a built Claim.")
        String me;
        @Option(names = "--provider-type", defaultValue = "Practitioner", description = "Practitioner or "
                + "Organization (default Practitioner).")
        String providerType;
        @Option(names = "--coverage", description = "The coverage id.")
        String coverage;
        @Option(names = "--service", description = "The service code.")
        String service;
        @Option(names = "--date", description = "The service date (YYYY-MM-DD).")
        String date;
        @Option(names = "--amount", description = "The amount in tokens (e.g. 120.50).")
        BigDecimal amount;
        @Option(names = "--evidence", description = "A record id of the patient cited as evidence, repeatable.")
        List<String> evidence = List.of();

        @Override
        public Integer call() throws IOException {
            Path body = file;
            if (body == null) {
                if (me == null || coverage == null || service == null || date == null || amount == null) {
                    System.err.println("either --file, or --me, --coverage, --service, --date and --amount");
                    return 2;
                }
                body = Files.createTempFile("claim", ".json");
                Files.writeString(body, new ClaimForm(patient, providerType, me, coverage, Optional.of(me),
                        List.of(new ClaimForm.Item(service, LocalDate.parse(date), amount)), evidence).json(),
                        StandardCharsets.UTF_8);
            }
            try {
                return api.upload("/patients/" + patient + "/claims", body, "application/fhir+json");
            } finally {
                if (file == null) {
                    Files.deleteIfExists(body);
                }
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The claims you are the patient, the "
            + "provider or the insurer of, with their outcome and state (REFUSED, APPROVED_PAYING, PAID, ...).")
    int list(@Mixin ApiClient api) {
        return api.call("GET", "/claims", null);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One claim with its Claim and "
            + "ClaimResponse.")
    int show(@Mixin ApiClient api, @Parameters(paramLabel = "CLAIM_ID") String id) {
        return api.call("GET", "/claims/" + id, null);
    }
}
