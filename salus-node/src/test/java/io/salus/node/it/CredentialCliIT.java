package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.cli.SalusCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential commands: the holder's wallet key stays in an owner-only local file; an issuer issues from the
 * command line; the holder presents with only the claims it names; after revocation the presentation is refused.
 */
class CredentialCliIT {

    @Test
    void holderKeepsItsKeyLocally_presentsSelectively_andIsRefusedAfterRevocation(@TempDir Path dir)
            throws Exception {
        Api api = new Api(TestNodes.shared());
        ConsentRequests consent = new ConsentRequests(api);
        Api.Acct board = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        Api.Acct lab = api.open("CONSUMER", "CLI lab");
        Path wallet = dir.resolve("wallet/holder-key.json");
        Path credential = dir.resolve("credential.sdjwt");

        assertThat(SalusCli.run(new String[]{"credential", "wallet-key", "--out", wallet.toString()})).isZero();
        assertThat(Files.getPosixFilePermissions(wallet)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(SalusCli.run(new String[]{"credential", "wallet-key", "--out", wallet.toString()})).isNotZero();

        assertThat(SalusCli.run(new String[]{"credential", "issue", "--url", api.url, "--token", board.token(),
                "--subject", lab.id(), "--type", "ACADEMIC_RESEARCHER", "--purposes", "HRESCH", "--until",
                Instant.now().plus(30, ChronoUnit.DAYS).toString(), "--holder-jwk", wallet + ".pub", "--claim",
                "organisation=CLI University", "--out", credential.toString()})).isZero();
        assertThat(SalusCli.run(new String[]{"credential", "issue", "--url", api.url, "--token", board.token(),
                "--subject", lab.id(), "--type", "ACADEMIC_RESEARCHER", "--purposes", "HRESCH", "--until",
                Instant.now().plus(30, ChronoUnit.DAYS).toString(), "--holder-jwk", wallet.toString(), "--out",
                dir.resolve("other").toString()})).as("a private key file is not sent to the issuer").isNotZero();
        assertThat(SalusCli.run(new String[]{"credential", "show", "--credential", credential.toString()})).isZero();

        String[] present = {"credential", "present", "--url", api.url, "--token", lab.token(), "--credential",
                credential.toString(), "--key", wallet.toString(), "--disclose", "consumer_type,purposes"};
        assertThat(SalusCli.run(present)).isZero();
        List<Map<String, Object>> shown = api.get(lab, "/presentations").path("presentations");
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).toString()).doesNotContain("CLI University");

        String credentialId = (String) api.get(board, "/credentials/" + shown.get(0).get("credentialId"))
                .path("credentialId");
        assertThat(SalusCli.run(new String[]{"credential", "revoke", "--url", api.url, "--token", board.token(),
                "--credential-id", credentialId})).isZero();
        assertThat(SalusCli.run(present)).isNotZero();
        assertThat(Arrays.asList(dir.toFile().list())).contains("credential.sdjwt");
    }
}
