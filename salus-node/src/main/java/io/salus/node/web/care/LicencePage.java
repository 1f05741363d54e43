package io.salus.node.web.care;

import io.salus.core.account.AccountKind;
import io.salus.core.credential.Licences;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.util.List;
import java.util.Set;

/**
 * A provider's licence page (docs/care.md, provider credentialing): the standing the node decides now through
 * {@link ProviderLicences#status}, the same as {@code GET /providers/me/licence} (the presented licence re-checked
 * against the board's status list and the chain on every read), whether the node lets the provider act and, if not,
 * the refusal's code. Signing up presents the licence with the holder's key, which lives in the provider's wallet, not
 * in the browser: the page says how. Thread-safe.
 */
public final class LicencePage implements PortalModule {
    static final String HOME = CarePortal.HOME + "/licence";
    private final ProviderLicences licences;

    public LicencePage(ProviderLicences licences) {
        this.licences = licences;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.PHYSICIAN, AccountKind.PHARMACY, AccountKind.HOSPITAL);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Licence"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, this::show);
    }

    Result<View> show(PortalRequest r) {
        ProviderLicences.Status s = licences.status(r.account());
        String meaning = switch (s.standing()) {
            case LICENSED -> "Your licence was presented, is valid now and its board has not revoked it.";
            case REVOKED -> "The board revoked your licence: the node refuses your deposits, reads, emergency access "
                    + "and payouts from the block the revocation was recorded in.";
            case UNLICENSED -> "No valid licence of your kind was presented to this node (never presented, or "
                    + "expired).";
            case NOT_A_PROVIDER -> "Licences do not apply to this account.";
        };
        Html refusal = s.refusal().map(ErrorCode::code)
                .map(c -> Html.of("<dd id=\"licence-refusal\">refused with {}</dd>", c))
                .orElse(Html.of("<dd id=\"licence-refusal\">none</dd>"));
        return Result.ok(View.of("Your licence", Html.of("""
                <section class="card"><dl id="licence">\
                <dt>Standing</dt><dd id="licence-standing" class="{}">{}</dd><dd>{}</dd>\
                <dt>Licence</dt><dd id="licence-type">{}</dd>\
                <dt>On-chain attestation</dt><dd>{}</dd>\
                <dt>The node lets you act</dt><dd id="licence-may-act">{}</dd>\
                <dt>Refusal</dt>{}</dl></section>
                <section class="card"><h2>Presenting your licence</h2><p>Your medical board issues your licence as an \
                SD-JWT credential bound to your wallet's key. Present it from the device that holds that key: \
                <code>./salus licence sign-up --credential licence.sd-jwt --key holder-key.json</code> (or \
                <code>POST /providers/me/licence</code> with a presentation made for a nonce from \
                <code>POST /presentations/nonce</code>). The standing above is decided again on every visit.</p>\
                </section>""", s.standing() == Licences.Standing.LICENSED ? "ok" : "bad", s.standing().name(),
                meaning, s.licence().map(Enum::name).orElse("none"), s.attestationId().map(String::valueOf)
                        .orElse("none"),
                s.mayAct() ? "yes" : "no", refusal)));
    }
}
