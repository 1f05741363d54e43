package io.salus.node.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API on Javalin. Every route is registered through {@link #routes()} so that the OpenAPI document can be
 * checked against what is really served. Faults never leak a stack trace: they become problem+json.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final Javalin app;
    private final List<ApiRoute> routes;

    private HttpApi(Javalin app, List<ApiRoute> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    public static HttpApi start(ApiServices services, String host, int port, io.salus.node.fhir.FhirMount fhir) {
        List<ApiRoute> routes = new ArrayList<>();
        Auth auth = new Auth(services.accounts());
        AccountEndpoints accounts = new AccountEndpoints(services.accounts(), auth);
        RecordEndpoints records = new RecordEndpoints(services, auth);
        ConsentEndpoints consent = new ConsentEndpoints(services.consent(), services.accounts(), auth);
        MarketEndpoints market = new MarketEndpoints(services.market(), services.accounts(), auth);
        DelegationEndpoints delegation = new DelegationEndpoints(services.delegation(), auth);
        ErasureEndpoints erasure = new ErasureEndpoints(services.erasure(), services.delegation(), services.accounts(),
                auth);
        CredentialEndpoints credentials = new CredentialEndpoints(services.credentials(), services.accounts(), auth);
        RecoveryEndpoints recovery = new RecoveryEndpoints(services.recovery(), auth);
        ClientSigningEndpoints clientSigning = new ClientSigningEndpoints(services.consent(), services.accounts(),
                services.accountStore(), services.keys(), auth);
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = services.maxBodyBytes() + 1;
            config.startup.showJavalinBanner = false;
            Router r = new Router(config, routes);
            r.add(HandlerType.GET, "/health", ctx -> Result.ok(Reply.ok(services.health().get())));
            r.add(HandlerType.GET, "/openapi.yaml", HttpApi::openApi);
            r.add(HandlerType.POST, "/accounts", accounts::open);
            r.add(HandlerType.GET, "/accounts/me", accounts::me);
            r.add(HandlerType.GET, "/accounts/{accountId}", accounts::get);
            r.add(HandlerType.PUT, "/patients/{patientId}/providers/{providerId}", accounts::linkProvider);
            r.add(HandlerType.POST, "/patients/{patientId}/bundles", records::deposit);
            r.add(HandlerType.GET, "/patients/{patientId}/records", records::list);
            r.add(HandlerType.GET, "/records/{recordId}", records::read);
            r.add(HandlerType.GET, "/records/{recordId}/receipt", records::receipt);
            r.add(HandlerType.GET, "/records/{recordId}/verification", records::verification);
            r.add(HandlerType.POST, "/proofs/verify", records::publicVerify);
            r.add(HandlerType.GET, "/batches", records::batches);
            r.add(HandlerType.GET, "/stats", ctx -> auth.operator(ctx)
                    .map(op -> Reply.ok(Views.stats(services.recordStore().stats()))));
            r.add(HandlerType.POST, "/patients/{patientId}/consents", consent::grant);
            r.add(HandlerType.GET, "/patients/{patientId}/consents", consent::list);
            r.add(HandlerType.DELETE, "/consents/{grantId}", consent::revoke);
            r.add(HandlerType.PUT, "/patients/{patientId}/delegations/{delegateId}", delegation::set);
            r.add(HandlerType.DELETE, "/patients/{patientId}/delegations/{delegateId}", delegation::revoke);
            r.add(HandlerType.GET, "/patients/{patientId}/delegations", delegation::list);
            r.add(HandlerType.GET, "/accounts/me/delegations", delegation::mine);
            r.add(HandlerType.GET, "/patients/{patientId}/alerts", delegation::alerts);
            r.add(HandlerType.PUT, "/issuers/{issuerId}/trust", consent::trustIssuer);
            r.add(HandlerType.POST, "/attestations", consent::attest);
            r.add(HandlerType.POST, "/credentials", credentials::issue);
            r.add(HandlerType.GET, "/credentials/{credentialId}", credentials::get);
            r.add(HandlerType.DELETE, "/credentials/{credentialId}", credentials::revoke);
            r.add(HandlerType.GET, "/status-lists/{issuerId}", credentials::statusList);
            r.add(HandlerType.POST, "/presentations/nonce", credentials::nonce);
            r.add(HandlerType.POST, "/presentations", credentials::present);
            r.add(HandlerType.GET, "/presentations", credentials::mine);
            r.add(HandlerType.DELETE, "/attestations/{attestationId}", consent::revokeAttestation);
            r.add(HandlerType.GET, "/accounts/{accountId}/attestations", consent::attestations);
            r.add(HandlerType.POST, "/patients/{patientId}/access", consent::access);
            r.add(HandlerType.GET, "/patients/{patientId}/access-log", consent::accessLog);
            r.add(HandlerType.GET, "/audit/patients/{patientId}", consent::verifyPatient);
            r.add(HandlerType.GET, "/audit/requesters/{requesterId}", consent::verifyRequester);
            r.add(HandlerType.POST, "/consent-index/rebuild", consent::rebuild);
            r.add(HandlerType.POST, "/consents/prepare", clientSigning::prepare);
            r.add(HandlerType.POST, "/consents/signed", clientSigning::relay);
            r.add(HandlerType.POST, "/accounts/me/key-export", clientSigning::exportKey);
            r.add(HandlerType.POST, "/cohorts/count", market::count);
            r.add(HandlerType.POST, "/deals", market::post);
            r.add(HandlerType.GET, "/deals/{dealId}", market::get);
            r.add(HandlerType.POST, "/deals/{dealId}/match", market::match);
            r.add(HandlerType.POST, "/deals/{dealId}/deliver", market::deliver);
            r.add(HandlerType.GET, "/deals/{dealId}/package", market::download);
            r.add(HandlerType.POST, "/deals/{dealId}/refund", market::refund);
            r.add(HandlerType.GET, "/patients/{patientId}/export", erasure::export);
            r.add(HandlerType.POST, "/patients/{patientId}/erasure", erasure::erase);
            r.add(HandlerType.GET, "/patients/{patientId}/erasure", erasure::receipt);
            config.routes.beforeMatched(erasure::guard);
            r.add(HandlerType.GET, "/accounts/{accountId}/earnings", market::earnings);
            r.add(HandlerType.PUT, "/accounts/{accountId}/organisation", market::organisation);
            r.add(HandlerType.POST, "/accounts/{accountId}/tokens", market::mint);
            r.add(HandlerType.PUT, "/patients/{patientId}/guardians", recovery::setGuardians);
            r.add(HandlerType.GET, "/patients/{patientId}/guardians", recovery::getGuardians);
            r.add(HandlerType.POST, "/patients/{patientId}/recoveries", recovery::open);
            r.add(HandlerType.POST, "/recoveries/{recoveryId}/approvals", recovery::approve);
            r.add(HandlerType.POST, "/recoveries/{recoveryId}/completion", recovery::complete);
            r.add(HandlerType.GET, "/recoveries/{recoveryId}", recovery::get);
            io.salus.node.web.Portal.register(config, services, java.util.List.of(fhir.consentPage()));
            fhir.install(config);
            faults(config);
        }).start(host, port);
        return new HttpApi(app, routes);
    }

    private static void faults(JavalinConfig config) {
        config.routes.exception(UnavailableException.class,
                (e, ctx) -> Problems.respond(ctx, e.code(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ErrorCode code = switch (e.getStatus()) {
                case 413 -> ErrorCode.BODY_TOO_LARGE;
                case 404 -> ErrorCode.NOT_FOUND;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                default -> ErrorCode.INVALID_REQUEST;
            };
            Problems.respond(ctx, code, e.getMessage());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("fault while serving {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType(Problems.PROBLEM_JSON).result("{\"type\":\"urn:salus:problem:fault\","
                    + "\"title\":\"Internal fault\",\"status\":500,\"detail\":\"The node logged the fault.\"}");
        });
        config.routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.res().getContentType().contains("problem")) {
                Problems.respond(ctx, ErrorCode.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static Result<Reply> openApi(Context ctx) {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                return Result.fail(ErrorCode.NOT_FOUND, "the OpenAPI document is not packaged");
            }
            return Result.ok(Reply.raw(200, "application/yaml", in.readAllBytes()));
        } catch (java.io.IOException e) {
            throw new UnavailableException(ErrorCode.NOT_FOUND, "the OpenAPI document cannot be read", e);
        }
    }

    public int port() {
        return app.port();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
