package io.salus.node.web.consumer;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobState;
import io.salus.core.job.JobTransition;
import io.salus.core.usecase.job.JobQueries;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The consumer's compute jobs: the list with each job's state and reason, one job's page (its spec, algorithm hash,
 * input root and output hash, every audited transition, and for a released job the settlement as a CSRF-protected
 * form and the CLI commands that fetch and decrypt the result), and the settle action. Jobs are submitted through the
 * API or the CLI ({@code ./salus job submit}). Every read goes through {@link JobQueries}, hence the same checks as
 * {@code /jobs}. Thread-safe.
 */
final class JobPages {
    static final String JOBS = ConsumerPortal.HOME + "/jobs";
    private final JobQueries jobs;

    JobPages(JobQueries jobs) {
        this.jobs = jobs;
    }

    Result<View> list(PortalRequest r) {
        List<Html> rows = new ArrayList<>();
        for (Job j : jobs.mine(r.account())) {
            rows.add(Html.of("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    JOBS + "/" + j.id(), j.id().toString().substring(0, 8), j.spec().algorithm(), j.state(),
                    j.reasonCode().orElse(""), j.submittedAt()));
        }
        Html body = rows.isEmpty()
                ? Html.raw("<p>No jobs yet. Submit one against a matched deal: <code>./salus job submit --deal 0x… "
                        + "--algorithm mean --columns observation:8867-4 --param low=40 --param high=200 --param "
                        + "step=0.1 --epsilon 1</code> (docs/compute.md).</p>")
                : Html.of("""
                        <table id="jobs"><caption>Your compute jobs, newest first</caption>
                        <thead><tr><th scope="col">Job</th><th scope="col">Algorithm</th><th scope="col">State</th>\
                        <th scope="col">Reason</th><th scope="col">Submitted</th></tr></thead>
                        <tbody>{}</tbody></table>
                        """, Html.join(rows));
        return Result.ok(View.of("Compute jobs", body));
    }

    Result<View> detail(PortalRequest r) {
        return id(r).flatMap(id -> jobs.find(r.account(), id)).map(v -> {
            Job j = v.job();
            List<Html> steps = new ArrayList<>();
            for (JobTransition t : v.transitions()) {
                steps.add(Html.of("<li>{} → {} at {}{}: {}</li>", t.from().map(Enum::name).orElse("—"), t.to(),
                        t.at(), t.code().map(c -> " (" + c + ")").orElse(""), t.detail()));
            }
            Html summary = Html.of(
                    """
                            <dl id="job-summary"><dt>State</dt><dd id="job-state">{}</dd><dt>Deal</dt><dd><a href="{}">{}</a></dd>
                            <dt>Algorithm</dt><dd>{} over {}</dd><dt>Algorithm hash</dt><dd><code>{}</code></dd>
                            <dt>Input root</dt><dd><code>{}</code></dd><dt>Output hash</dt><dd><code>{}</code></dd></dl>
                            <h2>Transitions</h2><ol id="job-transitions">{}</ol>
                            """,
                    j.state(), DealPages.DEALS + "/" + j.deal().hex(), j.deal().hex(), j.spec().algorithm(),
                    String.join(", ", j.spec().columns()), j.algorithmHash().hex(),
                    j.inputRoot().map(h -> h.hex()).orElse("—"), j.outputHash().map(h -> h.hex()).orElse("—"),
                    Html.join(steps));
            return View.of("Job " + j.id().toString().substring(0, 8), Html.concat(summary, result(r, j)));
        });
    }

    Result<String> settle(PortalRequest r) {
        return id(r).flatMap(id -> jobs.settle(r.account(), id).map(d -> JOBS + "/" + id + "?notice=settled"));
    }

    private static Html result(PortalRequest r, Job j) {
        if (j.state() != JobState.RELEASED) {
            return Html.EMPTY;
        }
        return Html.of(
                """
                        <section><h2>Result</h2>
                        <p>The result is staged encrypted to you; settling the deal pays each patient whose data the job used and \
                        releases its key on chain.</p>
                        <form method="post" action="{}">{}<button type="submit" id="settle-job">Settle and release</button></form>
                        <p>Then fetch and decrypt it (your key from <code>POST /accounts/me/key-export</code>, field \
                        <code>encryptionPrivateKey</code>):</p>
                        <pre><code id="result-command">./salus job result --job {} --out result.salus --key-file key.hex\
                        </code></pre></section>
                        """,
                JOBS + "/" + j.id() + "/settle", r.csrfField(), j.id());
    }

    private static Result<UUID> id(PortalRequest r) {
        String id = r.pathParam("jobId");
        try {
            return Result.ok(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.JOB_NOT_FOUND, "no job " + id);
        }
    }
}
