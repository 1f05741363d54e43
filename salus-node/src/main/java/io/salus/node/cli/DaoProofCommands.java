package io.salus.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.ScopePolicy;
import io.salus.node.http.Json;
import io.salus.node.wiring.PatientProving;
import io.salus.zk.AttributeProver;
import io.salus.zk.NodeProver;
import io.salus.zk.PatientSecret;
import io.salus.zk.ScopeClaims;
import io.salus.zk.ZkFiles;
import io.salus.zk.ZkFiles.HeldAttribute;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The patient's side of a proof DAO, on the patient's machine: a proving secret kept in a local owner-only file, a
 * proof made here (snarkjs with the build's circuit artefacts) from the provider-signed attribute the patient holds,
 * and only the proof and its public signals sent to the node (or written to a file, e.g. to upload in the portal).
 * The secret, the value, the issuance time and the signature never leave this process pair.
 */
final class DaoProofCommands {
    private DaoProofCommands() {
    }

    @Command(name = "secret", mixinStandardHelpOptions = true, description = "Create your proving secret in a local owner-only file; prints the identity commitment to give to the provider that signs your attributes.")
    static final class Secret implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "zk-secret.json", description = "Secret file (default ${DEFAULT-VALUE}; never overwritten).")
        Path out;

        @Override
        public Integer call() throws IOException {
            PatientSecret secret = PatientProving.newSecret();
            try {
                CredentialCommand.writePrivate(out, ZkFiles.secret(secret));
            } catch (FileAlreadyExistsException e) {
                System.err.println(out + " exists; choose another --out");
                return 1;
            }
            System.out.println("Identity commitment (give it to your provider): " + secret.identity());
            return 0;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true, description = "Prove here, from a provider-signed attribute, that you meet a proof DAO's policy, and join it: only the proof reaches the node.")
    static final class Prove implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--dao", required = true, description = "DAO id.")
        String dao;
        @Option(names = "--attribute", required = true, description = "The provider-signed attribute file you hold.")
        Path attribute;
        @Option(names = "--secret", required = true, description = "Your proving secret file (dao secret).")
        Path secret;
        @Option(names = "--recipient", description = "Address the membership is minted to (default: your account's; it votes through the node).")
        String recipient;
        @Option(names = "--out", description = "Write the proof to this file instead of sending it (e.g. to upload it in the portal).")
        Path out;
        @Option(names = "--zk-home", defaultValue = "${sys:salus.home:-.}/salus-zk", description = "The built salus-zk module (circuit artefacts and prover script; default ${DEFAULT-VALUE}).")
        Path zkHome;

        @Override
        public Integer call() throws IOException {
            Result<HeldAttribute> held = ZkFiles.parseAttribute(Files.readString(attribute));
            Result<PatientSecret> mine = ZkFiles.parseSecret(Files.readString(secret));
            if (!held.isOk() || !mine.isOk()) {
                return refused(!held.isOk() ? held.propagate() : mine.propagate());
            }
            JsonNode d = api.send("GET", "/daos/" + dao, null);
            if (d == null) {
                return 1;
            }
            if (!d.has("scope")) {
                System.err.println("DAO " + dao + " admits by verified account, not by proof: use dao join");
                return 1;
            }
            BigInteger scope = new BigInteger(d.get("scope").asText());
            JsonNode p = api.send("GET", "/zk/scopes/" + scope, null);
            JsonNode me = recipient == null ? api.send("GET", "/accounts/me", null) : null;
            if (p == null || (recipient == null && me == null)) {
                return 1;
            }
            ScopePolicy policy = new ScopePolicy(new BigInteger(p.get("kind").asText()),
                    new BigInteger(p.get("lo").asText()), new BigInteger(p.get("hi").asText()),
                    Duration.ofSeconds(p.get("maxAgeSeconds").asLong()), p.get("minAgeYears").asInt());
            EvmAddress to = new EvmAddress(recipient != null ? recipient : me.get("address").asText());
            Result<AttributeProof> proof;
            try (NodeProver prover = PatientProving.startProver(zkHome)) {
                proof = ScopeClaims.forScope(held.orElseThrow().kind(), policy, Instant.now(), scope, to)
                        .flatMap(c -> new AttributeProver(prover).prove(held.orElseThrow().attribute(),
                                mine.orElseThrow(), c));
            }
            if (!proof.isOk()) {
                return refused(proof);
            }
            String body = ZkFiles.proof(proof.orElseThrow());
            if (out != null) {
                Files.writeString(out, body, StandardCharsets.UTF_8);
                System.out.println("Wrote the proof (no secret, value or signature in it) to " + out);
                return 0;
            }
            return api.call("POST", "/daos/" + dao + "/members/proof", Json.mapper().readTree(body));
        }
    }

    @Command(name = "join-proof", mixinStandardHelpOptions = true, description = "Join a proof DAO with a proof file made by dao prove --out.")
    static final class JoinProof implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--dao", required = true, description = "DAO id.")
        String dao;
        @Option(names = "--proof", required = true, description = "The proof file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            Result<AttributeProof> proof = ZkFiles.parseProof(Files.readString(file));
            if (!proof.isOk()) {
                return refused(proof);
            }
            return api.call("POST", "/daos/" + dao + "/members/proof", Json.mapper().readTree(
                    ZkFiles.proof(proof.orElseThrow())));
        }
    }

    private static int refused(Result<?> r) {
        System.err.println("Refused here, nothing was sent: " + r.failure().code().code() + " "
                + r.failure().detail());
        return 1;
    }
}
