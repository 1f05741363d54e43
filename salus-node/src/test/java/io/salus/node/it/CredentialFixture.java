package io.salus.node.it;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.jwk.ECKey;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.credential.Holder;
import io.salus.node.wiring.Node;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Credential calls against a node's API for the integration tests; the holder side runs here, with its own key. */
final class CredentialFixture {
    final Api api;

    CredentialFixture(Api api) {
        this.api = api;
    }

    record Issued(String id, String sdJwt, long attestationId, int statusIndex, String statusUri) {
    }

    record Nonce(String nonce, String audience) {
    }

    Response issueResponse(Api.Acct issuer, Api.Acct subject, String type, ECKey holder, List<String> purposes) {
        return given().baseUri(api.url).auth().oauth2(issuer.token()).contentType(ContentType.JSON)
                .body(Map.of("subjectId", subject.id(), "type", type, "purposes", purposes, "validUntil",
                        Instant.now().plus(365, ChronoUnit.DAYS).toString(), "holderKey",
                        holder.toPublicJWK().toJSONObject(), "claims",
                        Map.of("organisation", "University Lab of Secret Studies", "name", "Dr. Hidden Name",
                                "ethics_approval", Map.of("committee", "Ethics Board", "purpose", "HRESCH",
                                        "valid_until", "2027-06-30"))))
                .post("/credentials");
    }

    Issued issue(Api.Acct issuer, Api.Acct subject, String type, ECKey holder, String... purposes) {
        Response r = issueResponse(issuer, subject, type, holder, List.of(purposes));
        r.then().statusCode(201);
        return new Issued(r.path("credentialId"), r.path("credential"), ((Number) r.path("attestationId")).longValue(),
                r.path("statusIndex"), r.path("statusUri"));
    }

    Nonce nonce(Api.Acct who) {
        Response r = given().baseUri(api.url).auth().oauth2(who.token()).post("/presentations/nonce");
        r.then().statusCode(201);
        return new Nonce(r.path("nonce"), r.path("audience"));
    }

    Response present(Api.Acct who, String presentation) {
        return given().baseUri(api.url).auth().oauth2(who.token()).contentType(ContentType.JSON)
                .body(Map.of("presentation", presentation)).post("/presentations");
    }

    /** Fetches a nonce for {@code who}, builds the SD-JWT+KB with the holder key, and presents it. */
    Response presentFresh(Api.Acct who, String sdJwt, ECKey holder, Set<String> disclose) {
        Nonce n = nonce(who);
        return present(who, Holder.present(sdJwt, disclose, holder, n.audience(), n.nonce(), Instant.now()));
    }

    Response revoke(Api.Acct issuer, String credentialId) {
        return given().baseUri(api.url).auth().oauth2(issuer.token()).delete("/credentials/" + credentialId);
    }

    /**
     * The issuer account's secp256k1 key as the shared node custodies it, unsealed with the node's KEK (the API
     * refuses to export an issuer's key): what an attacker holding the issuer's key could sign with.
     */
    byte[] exportKey(Api.Acct who) {
        Node node = TestNodes.shared();
        TinkKeyManager keys = new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"),
                new SecureRandom()).open(TestNodes.SECRET.toCharArray()).orElseThrow();
        AccountId id = AccountId.parse(who.id()).orElseThrow();
        byte[] sealed = node.accountStore().sealedKeys(id).orElseThrow().signingPrivateKey();
        given().baseUri(api.url).auth().oauth2(who.token()).post("/accounts/me/key-export").then().statusCode(403);
        return keys.unsealSigningKey(new EvmAddress(who.address()), sealed).orElseThrow();
    }
}
