package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobSpec;
import io.salus.core.job.JobTransition;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.job.JobQueries;
import io.salus.core.usecase.job.JobRecords;
import io.salus.core.usecase.job.JobSubmission;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /jobs}: submit a compute job against a matched deal (approved or rejected at once, run by the node's worker),
 * read it with its audited transitions and on-chain record, settle its deal (pays the patients, releases the key),
 * and download its result (encrypted to the consumer, only once the deal is settled on chain). Each route calls one use
 * case.
 */
public final class JobEndpoints implements ApiEndpoints {
    private final JobSubmission submission;
    private final JobQueries queries;
    private final JobRecords records;
    private final Auth auth;

    public JobEndpoints(JobSubmission submission, JobQueries queries, JobRecords records, Auth auth) {
        this.submission = submission;
        this.queries = queries;
        this.records = records;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/jobs", this::submit);
        r.add(HandlerType.GET, "/jobs", this::list);
        r.add(HandlerType.GET, "/jobs/{jobId}", this::get);
        r.add(HandlerType.POST, "/jobs/{jobId}/settle", this::settle);
        r.add(HandlerType.GET, "/jobs/{jobId}/result", this::result);
    }

    record JobBody(String deal, String algorithm, List<String> columns, Map<String, String> parameters,
            String epsilon, String module) {
    }

    Result<Reply> submit(Context ctx) {
        return auth.caller(ctx).flatMap(c -> Requests.json(ctx, JobBody.class).flatMap(b -> spec(b)
                .flatMap(spec -> deal(b.deal()).flatMap(deal -> submission.submit(c, deal, spec)))))
                .map(j -> Reply.json(201, view(j, List.of())));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).map(c -> Reply.ok(Map.of("jobs", queries.mine(c).stream()
                .map(j -> view(j, List.of())).toList())));
    }

    Result<Reply> get(Context ctx) {
        return auth.caller(ctx).flatMap(c -> jobId(ctx).flatMap(id -> queries.find(c, id)))
                .map(v -> Reply.ok(view(v.job(), v.transitions())));
    }

    Result<Reply> settle(Context ctx) {
        return auth.caller(ctx).flatMap(c -> jobId(ctx).flatMap(id -> queries.settle(c, id)
                .flatMap(d -> queries.find(c, id)))).map(v -> Reply.ok(view(v.job(), v.transitions())));
    }

    Result<Reply> result(Context ctx) {
        return auth.caller(ctx).flatMap(c -> jobId(ctx).flatMap(id -> queries.result(c, id)))
                .map(bytes -> Reply.raw(200, "application/octet-stream", bytes));
    }

    private Map<String, Object> view(Job j, List<JobTransition> transitions) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("jobId", j.id().toString());
        v.put("deal", j.deal().hex());
        v.put("algorithm", j.spec().algorithm());
        v.put("columns", j.spec().columns());
        v.put("parameters", j.spec().parameters());
        v.put("epsilon", j.spec().epsilon());
        v.put("algorithmHash", j.algorithmHash().hex());
        v.put("state", j.state().name());
        j.reasonCode().ifPresent(c -> v.put("reasonCode", c));
        j.reason().ifPresent(r -> v.put("reason", r));
        j.inputRoot().ifPresent(h -> v.put("inputRoot", h.hex()));
        j.outputHash().ifPresent(h -> v.put("outputHash", h.hex()));
        v.put("submittedAt", j.submittedAt().toString());
        v.put("updatedAt", j.updatedAt().toString());
        if (!transitions.isEmpty()) {
            v.put("transitions", transitions.stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                t.from().ifPresent(f -> m.put("from", f.name()));
                m.put("to", t.to().name());
                m.put("at", t.at().toString());
                t.code().ifPresent(c -> m.put("code", c));
                m.put("detail", t.detail());
                return m;
            }).toList());
            Optional<AnchorTx> anchored = j.outputHash().isPresent() ? records.onChain(j.id()) : Optional.empty();
            anchored.ifPresent(a -> v.put("record", Map.of("key", a.batchKey().hex(), "digest", a.root().hex(),
                    "txHash", a.txHash(), "block", a.blockNumber())));
        }
        return v;
    }

    private static Result<JobSpec> spec(JobBody b) {
        if (b.deal() == null || b.algorithm() == null || b.epsilon() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "deal, algorithm and epsilon are required",
                    b.deal() == null ? "deal" : b.algorithm() == null ? "algorithm" : "epsilon"));
        }
        Optional<byte[]> module;
        try {
            module = Optional.ofNullable(b.module()).map(Base64.getDecoder()::decode);
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "module must be base64", "module"));
        }
        return Result.ok(new JobSpec(b.algorithm(), b.columns() == null ? List.of() : b.columns(),
                b.parameters() == null ? Map.of() : b.parameters(), b.epsilon(), module));
    }

    private static Result<Hash32> deal(String hex) {
        try {
            return Result.ok(Hash32.fromHex(hex));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.NOT_FOUND, "no deal " + hex);
        }
    }

    private static Result<UUID> jobId(Context ctx) {
        String id = ctx.pathParam("jobId");
        try {
            return Result.ok(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.JOB_NOT_FOUND, "no job " + id);
        }
    }
}
