package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "emergency", mixinStandardHelpOptions = true, description = "Emergency (break-the-glass) access "
        + "through a running node: open a patient's emergency profile as a responder with a presented credential, "
        + "read it again while the access lasts, opt out as a patient, read notices and a patient's emergency "
        + "accesses, review them as an auditor (see docs/care.md).")
final class EmergencyCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Break the glass (as a responder who "
            + "presented an EMERGENCY_RESPONDER or PHYSICIAN_LICENCE credential): prints the access, who was "
            + "notified and the emergency profile (an IPS-shaped FHIR document).")
    int open(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--justification", required = true, description = "Why (10 to 1,000 characters).") String why) {
        return api.call("POST", "/patients/" + patient + "/emergency-access", Map.of("justification", why));
    }

    @Command(name = "profile", mixinStandardHelpOptions = true, description = "Read the emergency profile again "
            + "(the responder who opened the access, until it expires).")
    int profile(@Mixin ApiClient api,
            @Option(names = "--access", required = true, description = "Emergency access id.") String access) {
        return api.call("GET", "/emergency-access/" + access + "/profile", null);
    }

    @Command(name = "opt-out", mixinStandardHelpOptions = true, description = "Opt out of emergency access in "
            + "advance, or back in with --in (the patient).")
    int optOut(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--in", description = "Opt back in.") boolean in) {
        return api.call("PUT", "/patients/" + patient + "/emergency-preference", Map.of("optOut", !in));
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "A patient's emergency accesses with "
            + "their reviews (the patient, a delegate receiving alerts, an auditor).")
    int log(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient) {
        return api.call("GET", "/patients/" + patient + "/emergency-access", null);
    }

    @Command(name = "notices", mixinStandardHelpOptions = true, description = "The emergency-access notices sent "
            + "to you (as a patient or a delegate).")
    int notices(@Mixin ApiClient api) {
        return api.call("GET", "/accounts/me/emergency-notices", null);
    }

    @Command(name = "pending", mixinStandardHelpOptions = true, description = "Emergency accesses waiting for a "
            + "review (an auditor or the operator).")
    int pending(@Mixin ApiClient api) {
        return api.call("GET", "/emergency-access/pending-review", null);
    }

    @Command(name = "review", mixinStandardHelpOptions = true, description = "Mark an emergency access justified "
            + "or not, once (an auditor or the operator).")
    int review(@Mixin ApiClient api,
            @Option(names = "--access", required = true, description = "Emergency access id.") String access,
            @Option(names = "--justified", required = true, arity = "1", description = "true or false.") boolean justified,
            @Option(names = "--note", description = "The reviewer's note.") String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("justified", justified);
        if (note != null) {
            body.put("note", note);
        }
        return api.call("POST", "/emergency-access/" + access + "/review", body);
    }
}
