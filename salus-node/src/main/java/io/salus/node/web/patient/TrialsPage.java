package io.salus.node.web.patient;

import io.salus.core.error.Result;
import io.salus.core.trial.Invitation;
import io.salus.core.usecase.trial.PatientInvitations;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The patient's invitations to clinical studies: what each study is, who runs it, what it pays, and an accept or
 * decline form (CSRF-protected) while it is open; accepting signs the study-scoped consent with the node-held key and
 * reveals the patient to the sponsor (the same use cases as {@code /accounts/me/trial-invitations}). A patient holding
 * their own keys accepts through the API or CLI with their own signature. Thread-safe.
 */
public final class TrialsPage {
    static final String PATH = PatientPortal.HOME + "/trials";
    private final PatientInvitations invitations;

    public TrialsPage(PatientInvitations invitations) {
        this.invitations = invitations;
    }

    Result<View> show(PortalRequest r) {
        List<PatientInvitations.Invited> list = invitations.invitations(r.account(), 100);
        if (list.isEmpty()) {
            return Result.ok(View.of("Clinical studies", Html.raw("<p id=\"trial-invitations\">No study has "
                    + "invited you. Studies invite patients who match their criteria and whose consent covers "
                    + "them; a sponsor learns who you are only if you accept.</p>")));
        }
        List<Html> rows = new ArrayList<>();
        for (PatientInvitations.Invited i : list) {
            rows.add(Html.of("""
                    <tr><td>{}</td><td>{}</td><td>{}</td><td>{} units</td><td>{}</td><td>{}</td><td>{}</td></tr>""",
                    i.study().title(), i.study().organisation(), String.join(", ", i.study().categories().stream()
                            .map(Enum::name).toList()) + " for " + i.study().purpose().display(),
                    i.study().terms().feePerPatient(), i.study().terms().deadline().toString().substring(0, 10),
                    status(i), actions(r, i)));
        }
        return Result.ok(View.of("Clinical studies", Html.of("""
                <p>Accepting signs a consent for this study only and reveals you to its sponsor, who pays the fee \
                from its escrow on chain. Declining or ignoring an invitation reveals nothing.</p>
                <table id="trial-invitations"><caption>Your invitations, newest first</caption><thead><tr>\
                <th scope="col">Study</th><th scope="col">Sponsor</th><th scope="col">Data and purpose</th>\
                <th scope="col">Fee</th><th scope="col">Until</th><th scope="col">Status</th>\
                <th scope="col">Your answer</th></tr></thead><tbody>{}</tbody></table>""", Html.join(rows))));
    }

    Result<String> accept(PortalRequest r) {
        return invitations.accept(r.account(), r.pathParam("invitationId"), Optional.empty())
                .map(e -> PATH + "?notice=trial-accepted");
    }

    Result<String> decline(PortalRequest r) {
        return invitations.decline(r.account(), r.pathParam("invitationId")).map(i -> PATH + "?notice=trial-declined");
    }

    private static String status(PatientInvitations.Invited i) {
        return i.enrolment().map(e -> "enrolled, " + e.status().name().toLowerCase(Locale.ROOT)
                + e.txHash().map(t -> " (tx " + t.substring(0, 10) + "…)").orElse(""))
                .orElse(i.invitation().status().name().toLowerCase(Locale.ROOT));
    }

    private static Html actions(PortalRequest r, PatientInvitations.Invited i) {
        if (i.invitation().status() != Invitation.Status.INVITED) {
            return Html.EMPTY;
        }
        String base = PATH + "/" + i.invitation().id();
        return Html.of("""
                <form method="post" action="{}/accept" data-confirm="Sign the consent for this study and reveal \
                yourself to its sponsor?">{}<button type="submit" class="accept-trial">Accept</button></form>\
                <form method="post" action="{}/decline">{}<button type="submit" class="decline-trial">Decline\
                </button></form>""", base, r.csrfField(), base, r.csrfField());
    }
}
