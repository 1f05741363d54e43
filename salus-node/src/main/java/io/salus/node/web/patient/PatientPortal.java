package io.salus.node.web.patient;

import io.salus.core.account.AccountKind;
import io.salus.node.http.ApiServices;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRouter;
import java.util.List;
import java.util.Set;

/**
 * The patient portal: records by category with their proof status against the chain, consents (grant, revoke), the
 * access log, earnings per deal, charts of vital signs and lab values, and the data export. Every page shows the
 * signed-in patient's own data through the same use cases as the API. Thread-safe.
 */
public final class PatientPortal implements PortalModule {
    static final String HOME = "/portal/patient";
    private final ApiServices services;

    public PatientPortal(ApiServices services) {
        this.services = services;
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
                new NavLink(ChartsPage.PATH, "Charts"), new NavLink(ExportPage.PATH, "Export"));
    }

    @Override
    public void routes(PortalRouter router) {
        RecordsPage records = new RecordsPage(services.records());
        router.page(HOME, records::timeline);
        router.fragment(HOME + "/records/{recordId}/proof", records::proof);
        ConsentsPage consents = new ConsentsPage(services.consent().consents(), services.accounts(),
                services.consent().clock());
        router.page(ConsentsPage.PATH, consents::list);
        router.action(ConsentsPage.PATH, consents::grant);
        router.page(ConsentsPage.PATH + "/{grantId}/revoke", consents::confirmRevoke);
        router.action(ConsentsPage.PATH + "/{grantId}/revoke", consents::revoke);
        router.notice("granted", "The consent was granted and recorded on the chain.");
        router.notice("revoked", "The consent was revoked on the chain. It allows nothing from now on.");
        router.page(AccessLogPage.PATH, new AccessLogPage(services.consent().audit(), services.accounts())::show);
        router.page(EarningsPage.PATH, new EarningsPage(services.market().earnings())::show);
        ChartsPage charts = new ChartsPage(services.records());
        router.page(ChartsPage.PATH, charts::show);
        router.fragment(ChartsPage.PATH + "/data", charts::data);
        ExportPage export = new ExportPage(services);
        router.page(ExportPage.PATH, export::show);
        router.download(ExportPage.PATH + "/bundle.json", export::bundle);
    }
}
