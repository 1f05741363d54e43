package io.salus.node.fhir;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.bulk.BulkExports;
import io.salus.core.bulk.BulkJob;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.fhir.server.FhirAuthenticator;
import io.salus.fhir.server.FhirCaller;
import io.salus.node.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The async side of Bulk Data export (FHIR Bulk Data Access IG): the kick-off (called by the FHIR server), the status
 * endpoint ({@code 202} with {@code X-Progress} and {@code Retry-After} while running, the manifest when complete, an
 * OperationOutcome when failed), deletion, and the NDJSON files. Only the requester sees a job; its files need the
 * same credentials ({@code requiresAccessToken: true}). Thread-safe.
 */
final class BulkEndpoints {
    static final String STATUS = "/bulk-status/";
    static final String FILES = "/bulk-files/";
    private final BulkExports jobs;
    private final BulkJobRunner runner;
    private final SettledDealExports deals;
    private final FhirAuthenticator callers;
    private final Supplier<String> base;

    BulkEndpoints(BulkExports jobs, BulkJobRunner runner, SettledDealExports deals, FhirAuthenticator callers,
            Supplier<String> base) {
        this.jobs = jobs;
        this.runner = runner;
        this.deals = deals;
        this.callers = callers;
        this.base = base;
    }

    void install(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, STATUS + "{jobId}", this::status);
        config.routes.addHttpHandler(HandlerType.DELETE, STATUS + "{jobId}", this::delete);
        config.routes.addHttpHandler(HandlerType.GET, FILES + "{jobId}/{file}", this::file);
    }

    /** The kick-off: a group must be a settled deal the caller bought; returns the status URL. */
    Result<String> kickOff(FhirCaller caller, BulkJob.Kind kind, String subject, Set<String> types, String request) {
        Result<String> checkedSubject = kind == BulkJob.Kind.GROUP
                ? caller.scopes().isPresent()
                        ? Result.fail(ErrorCode.BULK_GROUP_UNAVAILABLE, "a SMART app exports its patient only")
                        : deals.check(caller.account(), subject)
                : Result.ok(subject);
        return checkedSubject.flatMap(s -> jobs.kickOff(caller.account(), kind, s, types, request)).map(job -> {
            runner.submit(job);
            return base.get() + STATUS + job.id();
        });
    }

    private void status(Context ctx) {
        Result<BulkJob> job = caller(ctx).flatMap(a -> jobId(ctx).flatMap(id -> jobs.status(a, id)));
        if (!job.isOk()) {
            outcome(ctx, job.failure());
            return;
        }
        BulkJob j = job.orElseThrow();
        ctx.header("Cache-Control", "no-store");
        switch (j.status()) {
            case ACCEPTED, RUNNING -> ctx.status(202).header("X-Progress", j.status().name().toLowerCase())
                    .header("Retry-After", "1");
            case COMPLETED -> json(ctx, 200, manifest(j));
            default -> outcome(ctx, 500, Failure.of(ErrorCode.BULK_JOB_NOT_READY,
                    "the export failed: " + j.error().orElse("unknown")));
        }
    }

    private void delete(Context ctx) {
        Result<BulkJob> job = caller(ctx).flatMap(a -> jobId(ctx).flatMap(id -> jobs.delete(a, id)));
        if (!job.isOk()) {
            outcome(ctx, job.failure());
            return;
        }
        runner.remove(job.orElseThrow().id());
        ctx.status(202);
    }

    private void file(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        Result<BulkJob.BulkFile> f = caller(ctx).flatMap(a -> jobId(ctx).flatMap(id -> jobs.file(a, id, name)));
        if (!f.isOk()) {
            outcome(ctx, f.failure());
            return;
        }
        Path p = runner.file(UUID.fromString(ctx.pathParam("jobId")), f.orElseThrow().name());
        ctx.status(200).contentType("application/fhir+ndjson").header("Cache-Control", "no-store");
        try (InputStream in = Files.newInputStream(p)) {
            ctx.result(in.readAllBytes());
        }
    }

    private Map<String, Object> manifest(BulkJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transactionTime", DateTimeFormatter.ISO_INSTANT.format(j.finishedAt().orElse(j.requestedAt())));
        m.put("request", j.request());
        m.put("requiresAccessToken", true);
        List<Map<String, Object>> output = new ArrayList<>();
        for (BulkJob.BulkFile f : j.files()) {
            output.add(Map.of("type", f.type(), "url", base.get() + FILES + j.id() + "/" + f.name(), "count",
                    f.count()));
        }
        m.put("output", output);
        m.put("error", List.of());
        return m;
    }

    private Result<Account> caller(Context ctx) {
        return callers.authenticate(Optional.ofNullable(ctx.header("Authorization")), Optional.empty())
                .map(FhirCaller::account);
    }

    private static Result<UUID> jobId(Context ctx) {
        try {
            return Result.ok(UUID.fromString(ctx.pathParam("jobId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.BULK_JOB_NOT_FOUND, "no export job " + ctx.pathParam("jobId"));
        }
    }

    private static void outcome(Context ctx, Failure f) {
        outcome(ctx, f.code().httpStatus(), f);
    }

    private static void outcome(Context ctx, int status, Failure f) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", status == 404
                ? "not-found"
                : status == 401
                        ? "login"
                        : status == 403
                                ? "forbidden"
                                : "processing");
        issue.put("details", Map.of("coding", List.of(Map.of("system", "urn:salus:error", "code", f.code().code(),
                "display", f.code().title()))));
        issue.put("diagnostics", f.detail());
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"salus-fhir\"");
        }
        json(ctx, status, Map.of("resourceType", "OperationOutcome", "issue", List.of(issue)));
        ctx.contentType("application/fhir+json");
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
