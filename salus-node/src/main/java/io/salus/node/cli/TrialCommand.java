package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trial", mixinStandardHelpOptions = true, description = "Clinical-trial recruitment through a "
        + "running node: as a sponsor post a study funded in escrow, count eligible consenting patients (differentially "
        + "private), invite them, list enrolments, attest milestones, refund; as a patient list invitations, accept or decline "
        + "(see docs/care.md).")
final class TrialCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "Post a study and fund its escrow "
            + "((fee + milestone fees) × cap pulled from the sponsor's tokens).")
    int post(@Mixin ApiClient api,
            @Option(names = "--title", required = true, description = "Title.") String title,
            @Option(names = "--description", description = "Description.") String description,
            @Option(names = "--criteria", required = true, description = "Eligibility in the cohort criteria "
                    + "language (docs/cohorts.md), JSON.") String criteria,
            @Option(names = "--categories", required = true, split = ",", description = "Categories the patient's "
                    + "consent must cover, e.g. CONDITIONS,LAB_RESULTS.") List<String> categories,
            @Option(names = "--purpose", defaultValue = "CLINTRCH", description = "Purpose of use (default "
                    + "${DEFAULT-VALUE}).") String purpose,
            @Option(names = "--fee", required = true, description = "Fee per enrolled patient (token units).") long fee,
            @Option(names = "--cap", required = true, description = "Most patients paid.") int cap,
            @Option(names = "--deadline", required = true, description = "ISO-8601 instant.") String deadline,
            @Option(names = "--milestone", description = "A milestone paid per enrolled patient when you attest it, "
                    + "as name=fee (token units); repeat for each, in order.") List<String> milestones) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (description != null) {
            body.put("description", description);
        }
        body.put("criteria", DealCommand.criteria(criteria));
        body.put("categories", categories);
        body.put("purpose", purpose);
        body.put("feePerPatient", fee);
        body.put("cap", cap);
        body.put("deadline", deadline);
        if (milestones != null) {
            body.put("milestones", milestones.stream().map(TrialCommand::milestone).toList());
        }
        return api.call("POST", "/trials", body);
    }

    /** {@code name=fee} as the API's milestone. */
    static Map<String, Object> milestone(String nameFee) {
        int eq = nameFee.lastIndexOf('=');
        if (eq <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(new TrialCommand()), "a milestone is name=fee, "
                    + "not " + nameFee);
        }
        try {
            return Map.of("name", nameFee.substring(0, eq), "fee", Long.parseLong(nameFee.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(new TrialCommand()), "a milestone's fee is a "
                    + "number of token units, not " + nameFee.substring(eq + 1));
        }
    }

    @Command(name = "milestone", mixinStandardHelpOptions = true, description = "Attest that an enrolled patient "
            + "reached a milestone of your study: the escrow pays its fee to the patient, once.")
    int milestone(@Mixin ApiClient api,
            @Option(names = "--study", required = true, description = "Study id.") String id,
            @Option(names = "--patient", required = true, description = "The enrolled patient's account id.") String patient,
            @Option(names = "--name", required = true, description = "The milestone's name.") String name) {
        return api.call("POST", "/trials/" + id + "/milestones", Map.of("patientId", patient, "milestone", name));
    }

    @Command(name = "milestones", mixinStandardHelpOptions = true, description = "The milestones you attested in "
            + "a study, with their payments.")
    int milestones(@Mixin ApiClient api,
            @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("GET", "/trials/" + id + "/milestones", null);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your studies (a sponsor).")
    int list(@Mixin ApiClient api) {
        return api.call("GET", "/trials", null);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One of your studies.")
    int show(@Mixin ApiClient api, @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("GET", "/trials/" + id, null);
    }

    @Command(name = "count", mixinStandardHelpOptions = true, description = "Differentially private count of the "
            + "eligible consenting patients, charged to your organisation's privacy budget.")
    int count(@Mixin ApiClient api, @Option(names = "--study", required = true, description = "Study id.") String id,
            @Option(names = "--epsilon", defaultValue = "0.5", description = "Privacy cost (default "
                    + "${DEFAULT-VALUE}).") String epsilon) {
        return api.call("POST", "/trials/" + id + "/count", Map.of("epsilon", epsilon));
    }

    @Command(name = "invite", mixinStandardHelpOptions = true, description = "Invite the eligible consenting "
            + "patients (you learn nothing about them until they accept).")
    int invite(@Mixin ApiClient api, @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("POST", "/trials/" + id + "/invitations", Map.of());
    }

    @Command(name = "enrolments", mixinStandardHelpOptions = true, description = "The patients who accepted, with "
            + "their ResearchSubject and payment.")
    int enrolments(@Mixin ApiClient api,
            @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("GET", "/trials/" + id + "/enrolments", null);
    }

    @Command(name = "fund", mixinStandardHelpOptions = true, description = "Fund an unfunded study again.")
    int fund(@Mixin ApiClient api, @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("POST", "/trials/" + id + "/funding", Map.of());
    }

    @Command(name = "refund", mixinStandardHelpOptions = true, description = "After the deadline, the escrow not "
            + "paid out back to the sponsor.")
    int refund(@Mixin ApiClient api, @Option(names = "--study", required = true, description = "Study id.") String id) {
        return api.call("POST", "/trials/" + id + "/refund", Map.of());
    }

    @Command(name = "invitations", mixinStandardHelpOptions = true, description = "Your invitations (a patient).")
    int invitations(@Mixin ApiClient api) {
        return api.call("GET", "/accounts/me/trial-invitations", null);
    }

    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Opt in: sign the study-scoped "
            + "consent (custodially, or pass --signature if you hold your own keys) and be paid the fee.")
    int accept(@Mixin ApiClient api,
            @Option(names = "--invitation", required = true, description = "Invitation id.") String id,
            @Option(names = "--signature", description = "Your signature of the consent digest (self-custody).") String sig) {
        return api.call("POST", "/trial-invitations/" + id + "/accept", sig == null
                ? Map.of()
                : Map.of("signature", sig));
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline an invitation.")
    int decline(@Mixin ApiClient api,
            @Option(names = "--invitation", required = true, description = "Invitation id.") String id) {
        return api.call("POST", "/trial-invitations/" + id + "/decline", Map.of());
    }
}
