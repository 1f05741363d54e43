package io.salus.node.web.dao;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.dao.GateAdministration;
import io.salus.core.zk.PublicSignals;
import io.salus.node.web.ContentSecurity;
import io.salus.node.web.Html;
import io.salus.node.web.PortalHandlers.File;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.zk.ScopeClaims;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Proving in the patient's browser: the proof DAO's page gets a section where the patient pastes their proving secret
 * and the provider-signed attribute; the page's script ({@code dao-prove.js}) runs snarkjs's Groth16
 * {@code fullProve} there, with the circuit's public files served by this node (the witness generator's wasm and the
 * proving key of the build), and puts only the proof and its public signals into the join form — the same form, use
 * case and endpoint as a proof made by the CLI. The secret and the attribute are in no form and are never sent. The
 * page's public statement (range, freshness bound, scope, recipient) comes from the scope's policy and the clock, as
 * the CLI's does ({@link ScopeClaims#statement}). Thread-safe.
 */
public final class DaoBrowserProving {
    static final String FILES = "/portal/patient/zk";
    private final GateAdministration gate;
    private final Path wasm;
    private final Path zkey;
    private final Clock clock;

    /** {@code wasm} and {@code zkey}: the circuit's witness generator and proving key (public build artefacts). */
    public DaoBrowserProving(GateAdministration gate, Path wasm, Path zkey, Clock clock) {
        this.gate = gate;
        this.wasm = wasm;
        this.zkey = zkey;
        this.clock = clock;
    }

    void routes(PortalRouter router) {
        router.download(FILES + "/attribute.wasm", r -> file(wasm, "attribute.wasm", "application/wasm"));
        router.download(FILES + "/attribute.zkey", r -> file(zkey, "attribute.zkey", "application/octet-stream"));
    }

    /**
     * The proving section for a patient who is not a member of the proof DAO of {@code scope}; it also lets the page
     * compile WebAssembly (and only this page). When the scope's policy cannot be read or admits nothing today, the section says why.
     */
    Html section(PortalRequest r, BigInteger scope) {
        Result<Html> html = gate.policy(scope).flatMap(p -> ScopeClaims.statement(p, clock.instant()).map(s -> {
            r.ctx().header(ContentSecurity.HEADER, ContentSecurity.PORTAL_WITH_WEBASSEMBLY);
            return Html.of("""
                    <section class="card" id="dao-browser-proving" data-kind="{}" data-lo="{}" data-hi="{}" \
                    data-not-before="{}" data-scope="{}" data-recipient="{}" data-wasm="{}" data-zkey="{}">\
                    <h2>Prove in this browser</h2><p>Instead of the command line, this page can make the proof: paste \
                    your proving secret and the attribute your provider signed. They stay in this page (they are in \
                    no form and are never sent); the browser computes the proof with the circuit's public files and \
                    puts only the proof into the form above.</p><p><label for="zk-secret">Your proving secret (the \
                    content of <code>zk-secret.json</code>)</label><textarea id="zk-secret" rows="4" cols="80" \
                    spellcheck="false" autocomplete="off"></textarea></p><p><label for="zk-attribute">The signed \
                    attribute (the content of <code>attribute.json</code>)</label><textarea id="zk-attribute" \
                    rows="8" cols="80" spellcheck="false" autocomplete="off"></textarea></p><p><button \
                    type="button" id="dao-prove">Prove in this browser</button></p><p id="dao-prove-status" \
                    role="status" aria-live="polite"></p></section>""", p.kind(), s.predicate().lo(),
                    s.predicate().hi(), s.notBefore(), scope, recipient(r.account().address()), FILES
                            + "/attribute.wasm",
                    FILES + "/attribute.zkey");
        }));
        return html.isOk()
                ? html.orElseThrow()
                : Html.of("<section class=\"card\"><h2>Prove in this browser</h2><p>Not possible now: {} ({}).</p>"
                        + "</section>", html.failure().detail(), html.failure().code().code());
    }

    private static BigInteger recipient(EvmAddress a) {
        return PublicSignals.addressSignal(a);
    }

    private static Result<File> file(Path path, String name, String contentType) {
        try {
            return Result.ok(new File(name, contentType, Files.readAllBytes(path)));
        } catch (IOException e) {
            return Result.fail(ErrorCode.ZK_PROVER_UNAVAILABLE, "the circuit's " + name + " is not on this node: "
                    + "build salus-zk");
        }
    }
}
