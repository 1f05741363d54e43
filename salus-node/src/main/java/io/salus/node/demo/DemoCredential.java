package io.salus.node.demo;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.error.Result;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.crypto.credential.Holder;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The demo's credential story: the ethics board (trusted on chain for academic researchers) issues an SD-JWT
 * credential to the demo lab, bound to a holder key the lab keeps; the lab presents it disclosing only its consumer
 * type and purposes; the node accepts it; a replay of the same presentation is refused.
 */
final class DemoCredential {
    private final Node node;
    private final PrintStream out;

    DemoCredential(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(DemoConsent.EnsureAccount ensure) {
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "Demo ethics board (DEMO)");
        Account lab = ensure.apply("researcher", AccountKind.CONSUMER, "Demo university lab (DEMO)");
        node.attestations()
                .trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        ECKey wallet = Holder.newKey();
        var issued = node.credentialIssuance().issue(board, new CredentialIssuance.Request(lab,
                AttestationType.ACADEMIC_RESEARCHER, EnumSet.of(Purpose.HRESCH),
                Instant.now().plus(365, ChronoUnit.DAYS), wallet.toPublicJWK().toJSONObject(),
                Map.of("organisation", lab.displayName(), "ethics_approval",
                        Map.of("committee", board.displayName(), "purpose", "HRESCH", "valid_until",
                                Instant.now().plus(365, ChronoUnit.DAYS).toString().substring(0, 10)))))
                .orElseThrow();
        out.printf("Credential          %s issued an academic-researcher SD-JWT to %s (%d disclosable claims, "
                + "status index %d, attestation %d)%n", board.displayName(), lab.displayName(),
                issued.disclosable().size(), issued.record().statusIndex(),
                issued.record().attestationId().orElse(-1L));
        Presentations.Nonce nonce = node.presentations().nonce(lab);
        String presentation = Holder.present(issued.sdJwt(), Set.of("consumer_type", "purposes"), wallet,
                nonce.audience(), nonce.nonce(), Instant.now());
        PresentedCredential accepted = node.presentations().present(lab, presentation).orElseThrow();
        out.printf("Presentation        %s disclosed only %s: ACCEPTED as %s for %s%n", lab.displayName(),
                accepted.disclosedJson(), accepted.type(), Purpose.fromMask(accepted.purposes()));
        Result<PresentedCredential> replay = node.presentations().present(lab, presentation);
        out.printf("Replay              the same presentation again: %s%n", replay.isOk()
                ? "ACCEPTED (unexpected!)"
                : "REFUSED " + replay.failure().code().code() + " " + replay.failure().code().title());
    }
}
