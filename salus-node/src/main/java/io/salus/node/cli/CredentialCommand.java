package io.salus.node.cli;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.salus.crypto.credential.Holder;
import io.salus.node.http.Json;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "credential", mixinStandardHelpOptions = true, description = "SD-JWT verifiable credentials: a holder "
        + "wallet key kept on this machine, issuance and revocation by a trusted issuer, presentation with selective "
        + "disclosure (the key-binding JWT is signed here; the private key never leaves the wallet file).", subcommands = {
                CredentialCommand.WalletKey.class, CredentialCommand.Issue.class, CredentialCommand.Present.class,
                CredentialCommand.Show.class})
final class CredentialCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Writes a new file readable and writable by its owner only; never overwrites. */
    static void writePrivate(Path file, String content) throws IOException {
        AtomicFiles.create(file, content.getBytes(StandardCharsets.UTF_8));
    }

    @Command(name = "wallet-key", mixinStandardHelpOptions = true, description = "Create a holder key (EC P-256) in a "
            + "local file with owner-only permissions; prints the public JWK to give to issuers.")
    static final class WalletKey implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "holder-key.json", description = "Wallet key file (default holder-key.json; never overwritten).")
        Path out;

        @Override
        public Integer call() throws IOException {
            ECKey key = Holder.newKey();
            try {
                writePrivate(out, key.toJSONString());
            } catch (FileAlreadyExistsException e) {
                System.err.println(out + " exists; choose another --out");
                return 1;
            }
            Path pub = Path.of(out + ".pub");
            Files.writeString(pub, key.toPublicJWK().toJSONString(), StandardCharsets.UTF_8);
            System.out.println("Wrote the holder key to " + out + " (owner-only) and its public half to " + pub);
            System.out.println(key.toPublicJWK().toJSONString());
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "As a trusted issuer, issue a credential "
            + "to a subject account bound to the holder's public key; writes the SD-JWT to a file.")
    static final class Issue implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--subject", required = true, description = "Subject (holder) account id.")
        String subject;
        @Option(names = "--type", required = true, description = "ACADEMIC_RESEARCHER (or another consumer type), PHYSICIAN_LICENCE, EMERGENCY_RESPONDER.")
        String type;
        @Option(names = "--purposes", required = true, split = ",", description = "e.g. HRESCH,CLINTRCH")
        List<String> purposes;
        @Option(names = "--until", required = true, description = "ISO-8601 instant the credential expires.")
        String until;
        @Option(names = "--holder-jwk", required = true, description = "File with the holder's PUBLIC JWK (from wallet-key: <file>.pub).")
        Path holderJwk;
        @Option(names = "--claim", description = "Extra disclosable claim name=value: organisation, name, licence_number, ethics_approval.")
        Map<String, String> claims = new LinkedHashMap<>();
        @Option(names = "--out", required = true, description = "File to write the credential (SD-JWT) to, owner-only.")
        Path out;

        @Override
        public Integer call() throws IOException, ParseException {
            JWK jwk = JWK.parse(Files.readString(holderJwk));
            if (jwk.isPrivate()) {
                System.err.println(holderJwk + " holds a private key; give the issuer only the public half (.pub)");
                return 1;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subjectId", subject);
            body.put("type", type);
            body.put("purposes", purposes);
            body.put("validUntil", until);
            body.put("holderKey", jwk.toJSONObject());
            body.put("claims", claims);
            JsonNode r = api.send("POST", "/credentials", body);
            if (r == null) {
                return 1;
            }
            writePrivate(out, r.path("credential").asText());
            System.out.println("Issued " + r.path("credentialId").asText() + " (" + r.path("type").asText()
                    + ", attestation " + r.path("attestationId").asText() + ", status index "
                    + r.path("statusIndex").asText() + ") to " + out);
            return 0;
        }
    }

    @Command(name = "present", mixinStandardHelpOptions = true, description = "Present a credential to the node: "
            + "fetch a nonce, disclose only the named claims, sign the key-binding JWT with the wallet key, send.")
    static final class Present implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--credential", required = true, description = "The credential file (SD-JWT).")
        Path credential;
        @Option(names = "--key", defaultValue = "holder-key.json", description = "The wallet key file.")
        Path key;
        @Option(names = "--disclose", required = true, split = ",", description = "Claims to reveal, e.g. consumer_type,purposes")
        List<String> disclose;

        @Override
        public Integer call() throws IOException, ParseException {
            String p = presentation(api, credential, key, new LinkedHashSet<>(disclose));
            return p == null ? 1 : api.call("POST", "/presentations", Map.of("presentation", p));
        }

        /** A fresh presentation of the credential file for the node (null if no nonce could be had). */
        static String presentation(ApiClient api, Path credential, Path key, Set<String> disclose)
                throws IOException, ParseException {
            ECKey holder = ECKey.parse(Files.readString(key));
            JsonNode nonce = api.send("POST", "/presentations/nonce", null);
            if (nonce == null) {
                return null;
            }
            return Holder.present(Files.readString(credential).trim(), disclose, holder,
                    nonce.path("audience").asText(), nonce.path("nonce").asText(), Instant.now());
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "As its issuer, revoke a credential "
            + "(status list bit and on-chain attestation).")
    int revoke(@Mixin ApiClient api,
            @Option(names = "--credential-id", required = true, description = "The credential id (urn:uuid:...).") String id) {
        return api.call("DELETE", "/credentials/" + id, null);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a credential file's claims locally "
            + "(nothing is sent).")
    static final class Show implements Callable<Integer> {
        @Option(names = "--credential", required = true, description = "The credential file (SD-JWT).")
        Path credential;

        @Override
        public Integer call() throws IOException, ParseException {
            SDJWT sd = SDJWT.parse(Files.readString(credential).trim());
            Map<String, Object> claims = new LinkedHashMap<>(SignedJWT.parse(sd.getCredentialJwt()).getJWTClaimsSet()
                    .getClaims());
            claims.remove("_sd");
            Map<String, Object> disclosable = new LinkedHashMap<>();
            for (Disclosure d : sd.getDisclosures()) {
                disclosable.put(d.getClaimName(), d.getClaimValue());
            }
            claims.put("disclosable", disclosable);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(claims));
            return 0;
        }
    }
}
