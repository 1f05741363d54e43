package io.salus.node.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The self-custody wallet (docs/custody.md): a public page whose script ({@code wallet.js}, with @noble/curves and
 * @noble/hashes from the npm lockfile) generates the patient's secp256k1 and X25519 keys in the browser, keeps them in
 * the browser encrypted under a passphrase (WebCrypto), opens the account with an invitation code, shows each consent
 * in words before signing its EIP-712 typed data in the browser, revokes the same way and decrypts the patient's own
 * records in the browser. The node only ever sees public keys, signatures and the JSON API's answers.
 */
final class WalletPage {
    private final PortalGate gate;

    WalletPage(PortalGate gate) {
        this.gate = gate;
    }

    void routes(PortalRouter router) {
        router.open(HandlerType.GET, "/portal/wallet", false, this::page);
    }

    private void page(Context ctx) {
        Html body = Html.of(
                """
                                <div id="wallet" data-categories="{}" data-types="{}" data-purposes="{}">
                                <p class="notice" role="status">Self-custody: your keys are made and kept in this browser, encrypted \
                                under your passphrase. The bank never receives them: it cannot sign a consent for you. It still keeps \
                                its own wrapping of your records' keys, to serve the accesses you consent to.</p>
                                <p id="wallet-status" role="status" aria-live="polite"></p>
                                <section id="signup" class="card"><h2>Open your account</h2>
                                <p><label for="invitation">Invitation code (from the bank)</label>
                                <input id="invitation" autocomplete="off" spellcheck="false"></p>
                                <p><label for="display-name">Your name</label><input id="display-name" autocomplete="name"></p>
                                <p><label for="passphrase">Passphrase that encrypts your keys in this browser</label>
                                <input id="passphrase" type="password" autocomplete="new-password"></p>
                                <p><button type="button" id="create">Create my keys and account</button></p></section>
                                <section id="unlock" class="card" hidden><h2>Unlock your keys</h2>
                                <p><label for="unlock-passphrase">Passphrase</label>
                                <input id="unlock-passphrase" type="password" autocomplete="current-password"></p>
                                <p><button type="button" id="unlock-button">Unlock</button></p></section>
                                <section id="restore" class="card"><h2>Restore your keys from a backup</h2>
                                <p><label for="restore-file">Your encrypted backup file (salus-wallet-backup.json)</label>
                                <input id="restore-file" type="file" accept="application/json,.json"></p>
                                <p><button type="button" id="restore-button">Restore into this browser</button></p>
                                </section>
                                <section id="account" class="card" hidden><h2>Your account</h2>
                                <p>Account <code id="account-id"></code>, address <code id="account-address"></code></p>
                                <p id="holdings"></p>
                                <p><a id="backup" download="salus-wallet-backup.json" href="#">Download the encrypted backup of your \
                                keys</a></p></section>
                                <section id="records-section" class="card" hidden><h2>Your records</h2>
                                <p><button type="button" id="refresh-records">Refresh</button></p><ul id="records"></ul></section>
                                <section id="consent-section" class="card" hidden><h2>Grant a consent</h2>
                                <p><label for="grant-category">Your data</label><select id="grant-category">{}</select></p>
                                <p><label for="grant-type">Who may use it</label><select id="grant-type">{}</select></p>
                                <p><label for="grant-purpose">What for</label><select id="grant-purpose">{}</select></p>
                                <p><label for="grant-days">For how many days</label>
                                <input id="grant-days" type="number" min="1" max="3650" value="30"></p>
                                <p><button type="button" id="grant-prepare">Review</button></p>
                                <div id="review" hidden><p id="review-words"></p>
                                <p><button type="button" id="review-sign">Sign in this browser</button>
                                <button type="button" id="review-cancel">Cancel</button></p></div>
                                <h3>Your consents</h3><ul id="grants"></ul>
                        <h3>Let someone act for you</h3>
                        <p><label for="delegate-id">Their account id</label>
                        <input id="delegate-id" autocomplete="off" spellcheck="false"></p>
                        <p><label><input type="checkbox" id="scope-VIEW_RECORDS"> see your records</label>
                        <label><input type="checkbox" id="scope-MANAGE_CONSENT"> grant and revoke consents</label>
                        <label><input type="checkbox" id="scope-RECEIVE_ALERTS"> receive your alerts</label>
                        (none: revoke their delegation)</p>
                        <p><label for="delegate-days">For how many days</label>
                        <input id="delegate-days" type="number" min="1" max="3650" value="30"></p>
                        <p><button type="button" id="delegate-prepare">Review</button></p></section>
                                <section id="recovery-section" class="card" hidden><h2>Guardians</h2>
                                <p>If you lose this browser and your backup, any k of the people you name here can together let your                 keys be recovered onto a new device. Your keys are split here; each guardian receives a share sealed                 to their own key, which the bank cannot open.</p>
                                <p><label for="guardian-ids">Guardians' account ids (one per line)</label>
                                <textarea id="guardian-ids" rows="3" spellcheck="false"></textarea></p>
                                <p><label for="guardian-threshold">How many must approve (k)</label>
                                <input id="guardian-threshold" type="number" min="1" max="255" value="2"></p>
                                <p><button type="button" id="guardians-set">Split my keys and name these guardians</button></p>
                                <h3>Approve a recovery as a guardian</h3>
                                <p><label for="approve-recovery-id">Recovery id</label>
                                <input id="approve-recovery-id" autocomplete="off" spellcheck="false"></p>
                                <p><button type="button" id="approve-prepare">Review</button></p>
                                <div id="approve-review" hidden><p id="approve-words"></p>
                                <p><button type="button" id="approve-sign">Approve, signed in this browser</button></p></div>
                                </section>
                                </div>
                                <script type="module" src="/portal/assets/wallet.js"></script>""",
                tables(Stream.of(Category.values())
                        .map(c -> c.name() + ":" + c.bit()).toList()),
                tables(
                        Stream.of(AttestationType.values())
                                .map(t -> t.name() + ":" + t.bit()).toList()),
                tables(Stream.of(Purpose.values()).map(p -> p.name() + ":" + p.bit() + ":" + p.display()).toList()),
                options(Stream.of(Category.values()).map(Enum::name).toList()),
                options(Stream.of(AttestationType.values()).filter(AttestationType::isConsumerType).map(Enum::name)
                        .toList()),
                options(Stream.of(Purpose.values()).map(Enum::name).toList()));
        ctx.header("Cache-Control", "no-store").html(new Layout(Optional.empty(), List.of(), gate.notices())
                .page(View.of("Your wallet", body)));
    }

    private static String tables(List<String> entries) {
        return String.join("|", entries);
    }

    private static Html options(List<String> names) {
        return Html.join(names.stream().map(n -> Html.of("<option value=\"{}\">{}</option>", n, n.toLowerCase(
                java.util.Locale.ROOT).replace('_', ' '))).collect(Collectors.toList()));
    }
}
