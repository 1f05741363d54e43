package io.salus.node.web.patient;

import io.salus.core.account.AccountKind;
import io.salus.core.port.AuditLog;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.ExportService;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.node.web.NavLink;
import io.salus.node.web.claims.ClaimsPortal;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRouter;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The patient portal: records by category with their proof status against the chain, consents (grant, revoke), the
 * access log, earnings per deal, charts of vital signs and lab values, health alerts, risk scores with trends, emergency (break-the-glass)
 * access, and the data export. Every page
 * shows the signed-in patient's own data through the same use cases as the API. Thread-safe.
 */
public final class PatientPortal implements PortalModule {
    static final String HOME = "/portal/patient";
    private final RecordService records;
    private final ConsentService consents;
    private final AccountService accounts;
    private final AuditLog audit;
    private final DealEarnings earnings;
    private final ExportPage export;
    private final AlertsPage alerts;
    private final EmergencyPage emergency;
    private final TrialsPage trials;
    private final RiskPage risk;
    private final Clock clock;

    public PatientPortal(RecordService records, ConsentService consents, AccountService accounts, AuditLog audit,
            DealEarnings earnings, ExportService export, DelegatedRecords delegated, AlertService alerts,
            EmergencyPage emergency, TrialsPage trials, RiskPage risk, Clock clock) {
        this.emergency = emergency;
        this.trials = trials;
        this.risk = risk;
        this.records = records;
        this.consents = consents;
        this.accounts = accounts;
        this.audit = audit;
        this.earnings = earnings;
        this.export = new ExportPage(export, delegated, clock);
        this.alerts = new AlertsPage(alerts);
        this.clock = clock;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.PATIENT);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Records"), new NavLink(ConsentsPage.PATH, "Consents"),
                new NavLink(AccessLogPage.PATH, "Access log"), new NavLink(EarningsPage.PATH, "Earnings"),
                new NavLink(ChartsPage.PATH, "Charts"), new NavLink(AlertsPage.PATH, "Alerts"),
                new NavLink(RiskPage.PATH, "Risk scores"),
                new NavLink(EmergencyPage.PATH, "Emergency access"), new NavLink(TrialsPage.PATH, "Studies"),
                new NavLink(ExportPage.PATH, "Export"), new NavLink(ClaimsPortal.HOME, "Claims"));
    }

    @Override
    public void routes(PortalRouter router) {
        RecordsPage timeline = new RecordsPage(records);
        router.page(HOME, timeline::timeline);
        router.fragment(HOME + "/records/{recordId}/proof", timeline::proof);
        ConsentsPage consentPage = new ConsentsPage(consents, accounts, clock);
        router.page(ConsentsPage.PATH, consentPage::list);
        router.action(ConsentsPage.PATH, consentPage::grant);
        router.page(ConsentsPage.PATH + "/{grantId}/revoke", consentPage::confirmRevoke);
        router.action(ConsentsPage.PATH + "/{grantId}/revoke", consentPage::revoke);
        router.notice("granted", "The consent was granted and recorded on the chain.");
        router.notice("revoked", "The consent was revoked on the chain. It allows nothing from now on.");
        router.page(AccessLogPage.PATH, new AccessLogPage(audit, accounts)::show);
        router.page(EarningsPage.PATH, new EarningsPage(earnings, risk.credits())::show);
        ChartsPage charts = new ChartsPage(records);
        router.page(ChartsPage.PATH, charts::show);
        router.fragment(ChartsPage.PATH + "/data", charts::data);
        router.page(AlertsPage.PATH, alerts::show);
        router.action(AlertsPage.PATH + "/{alertId}/acknowledge", alerts::acknowledge);
        router.notice("acknowledged", "The alert was acknowledged; it escalates no further.");
        router.page(RiskPage.PATH, risk::show);
        router.action(RiskPage.PATH + "/computation", risk::compute);
        router.action(RiskPage.PATH + "/answers", risk::answer);
        router.action(RiskPage.PATH + "/report", risk::order);
        router.notice("report-ordered", "Your risk report was computed and paid with your credits.");
        router.notice("scores-computed", "Your risk scores were computed and kept.");
        router.notice("answers-saved", "Your answers were saved; your next computation uses them.");
        router.page(EmergencyPage.PATH, emergency::show);
        router.action(EmergencyPage.PATH, emergency::prefer);
        router.notice("opted-out", "You opted out of emergency access.");
        router.notice("opted-in", "Responders with a valid credential may open your emergency profile again.");
        router.page(TrialsPage.PATH, trials::show);
        router.action(TrialsPage.PATH + "/{invitationId}/accept", trials::accept);
        router.action(TrialsPage.PATH + "/{invitationId}/decline", trials::decline);
        router.notice("trial-accepted", "You joined the study: your consent for it is signed and the sponsor "
                + "now knows you; the fee is paid from its escrow.");
        router.notice("trial-declined", "You declined the invitation; the sponsor learns nothing about you.");
        router.page(ExportPage.PATH, export::show);
        router.download(ExportPage.PATH + "/bundle.json", export::bundle);
    }
}
