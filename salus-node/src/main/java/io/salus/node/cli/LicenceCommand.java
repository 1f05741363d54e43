package io.salus.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "licence", mixinStandardHelpOptions = true, description = "Provider licences (physician, pharmacy, "
        + "hospital): sign up by presenting the licence credential a board issued (see 'credential issue'), and show "
        + "the standing the node re-checks on every deposit and read (see docs/care.md).", subcommands = {
                LicenceCommand.SignUp.class})
final class LicenceCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "sign-up", mixinStandardHelpOptions = true, description = "Present your licence credential "
            + "(disclosing its purposes) with your wallet key; the node verifies it is the licence of your kind.")
    static final class SignUp implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--credential", required = true, description = "The licence credential file (SD-JWT).")
        Path credential;
        @Option(names = "--key", defaultValue = "holder-key.json", description = "The wallet key file.")
        Path key;

        @Override
        public Integer call() throws IOException, ParseException {
            String p = CredentialCommand.Present.presentation(api, credential, key, Set.of("purposes"));
            return p == null ? 1 : api.call("POST", "/providers/me/licence", Map.of("presentation", p));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Your licence standing now: LICENSED, "
            + "REVOKED or UNLICENSED, and whether the node lets you act.")
    int status(@Mixin ApiClient api) {
        return api.call("GET", "/providers/me/licence", null);
    }
}
