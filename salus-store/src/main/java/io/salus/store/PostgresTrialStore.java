package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.TrialStore;
import io.salus.core.record.Category;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Invitation;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.trial.Study;
import io.salus.core.trial.StudyStatus;
import io.salus.core.trial.StudyTerms;
import io.salus.core.trial.TrialOutbox;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Trial recruitment in PostgreSQL (migration V100): studies, invitations and enrolments, each chain write's outbox
 * message in the transaction of the state it belongs to, due after a grace period so that the request's own delivery
 * is not raced by the worker. Thread-safe.
 */
public final class PostgresTrialStore implements TrialStore {
    private static final String STUDY = """
            SELECT id, sponsor, organisation, title, criteria, categories, purpose, fee, cap, deadline, research_study,
                status, fund_tx, funding_error, created_at, milestone_names, milestone_fees FROM trial_study""";
    private static final String MILESTONE = """
            SELECT study, patient, patient_address, idx, name, fee, status, tx_hash, refusal, attested_at
            FROM trial_milestone""";
    private static final String INVITATION = """
            SELECT id, study, patient, status, invited_at, answered_at FROM trial_invitation""";
    private static final String ENROLMENT = """
            SELECT study, patient, patient_address, payee, consent_signature, research_subject, status, tx_hash,
                refusal, enrolled_at FROM trial_enrolment""";
    private final Transactions tx;
    private final Duration grace;

    /** @param grace how long a message is left to the request's own delivery before the worker may take it */
    public PostgresTrialStore(Jdbi jdbi, Duration grace) {
        this.tx = new Transactions(jdbi);
        this.grace = grace;
    }

    @Override
    public void create(Study s, Instant now) {
        tx.inTransaction("post study", h -> {
            h.createUpdate("""
                    INSERT INTO trial_study (id, sponsor, organisation, title, criteria, categories, purpose, fee, cap,
                        deadline, research_study, status, created_at, milestone_names, milestone_fees)
                    VALUES (:id, :sponsor, :org, :title, :criteria, :cats, :purpose, :fee, :cap, :deadline, :rs,
                        :status, :at, :mnames, CAST(:mfees AS bigint[]))""")
                    .bind("id", s.id().hex()).bind("sponsor", s.sponsor().value()).bind("org", s.organisation())
                    .bind("title", s.title()).bind("criteria", s.criteriaJson())
                    .bind("cats", Sql.textArray(s.categories().stream().map(Category::name).toList()))
                    .bind("purpose", s.purpose().name()).bind("fee", s.terms().feePerPatient())
                    .bind("cap", s.terms().cap()).bind("deadline", Sql.ts(s.terms().deadline()))
                    .bind("rs", s.researchStudyJson()).bind("status", s.status().name())
                    .bind("at", Sql.ts(s.createdAt()))
                    .bind("mnames", Sql.textArray(s.terms().milestones().stream().map(Milestone::name).toList()))
                    .bind("mfees", Sql.textArray(s.terms().milestones().stream().map(m -> Long.toString(m.fee()))
                            .toList()))
                    .execute();
            OutboxRows.insertNew(h, new OutboxMessage(TrialOutbox.FUND, s.id().hex(), Map.of("studyId", s.id().hex())),
                    now, now.plus(grace));
            return null;
        });
    }

    @Override
    public Optional<Study> find(Hash32 id) {
        return tx.inTransaction("read study", h -> h.createQuery(STUDY + " WHERE id = :id").bind("id", id.hex())
                .map((rs, ctx) -> study(rs)).findOne());
    }

    @Override
    public List<Study> ofSponsor(AccountId sponsor, int limit) {
        return tx.inTransaction("list studies", h -> h.createQuery(STUDY
                + " WHERE sponsor = :s ORDER BY seq DESC LIMIT :n").bind("s", sponsor.value()).bind("n", limit)
                .map((rs, ctx) -> study(rs)).list());
    }

    @Override
    public void funded(Hash32 id, String txHash, Instant now) {
        tx.inTransaction("mark study funded", h -> {
            h.createUpdate("""
                    UPDATE trial_study SET status = 'FUNDED', fund_tx = :tx, funding_error = NULL
                    WHERE id = :id AND status = 'UNFUNDED'""").bind("tx", txHash).bind("id", id.hex()).execute();
            complete(h, TrialOutbox.FUND, id.hex(), Map.of("txHash", txHash), now);
            return null;
        });
    }

    @Override
    public void fundingFailed(Hash32 id, String reason) {
        tx.inTransaction("record study funding failure", h -> h.createUpdate("""
                UPDATE trial_study SET funding_error = :reason WHERE id = :id AND status = 'UNFUNDED'""")
                .bind("reason", reason).bind("id", id.hex()).execute());
    }

    @Override
    public void refunded(Hash32 id, String txHash) {
        tx.inTransaction("mark study refunded", h -> h.createUpdate("""
                UPDATE trial_study SET status = 'REFUNDED', refund_tx = :tx WHERE id = :id AND status = 'FUNDED'""")
                .bind("tx", txHash).bind("id", id.hex()).execute());
    }

    @Override
    public List<Invitation> invite(Hash32 study, Collection<AccountId> patients, Instant now) {
        return tx.inTransaction("invite patients", h -> {
            List<Invitation> made = new ArrayList<>();
            for (AccountId p : patients) {
                UUID id = UUID.randomUUID();
                int n = h.createUpdate("""
                        INSERT INTO trial_invitation (id, study, patient, status, invited_at)
                        VALUES (:id, :study, :p, 'INVITED', :at) ON CONFLICT (study, patient) DO NOTHING""")
                        .bind("id", id).bind("study", study.hex()).bind("p", p.value()).bind("at", Sql.ts(now))
                        .execute();
                if (n == 1) {
                    made.add(new Invitation(id, study, p, Invitation.Status.INVITED, Sql.micros(now),
                            Optional.empty()));
                }
            }
            return made;
        });
    }

    @Override
    public Optional<Invitation> invitation(UUID id) {
        return tx.inTransaction("read invitation", h -> h.createQuery(INVITATION + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> invitation(rs)).findOne());
    }

    @Override
    public List<Invitation> invitationsOf(AccountId patient, int limit) {
        return tx.inTransaction("list invitations", h -> h.createQuery(INVITATION
                + " WHERE patient = :p ORDER BY invited_at DESC, id LIMIT :n").bind("p", patient.value())
                .bind("n", limit).map((rs, ctx) -> invitation(rs)).list());
    }

    @Override
    public boolean decline(UUID invitation, Instant now) {
        return tx.inTransaction("decline invitation", h -> answer(h, invitation, Invitation.Status.DECLINED, now));
    }

    @Override
    public boolean accept(UUID invitation, Enrolment e, Instant now) {
        return tx.inTransaction("accept invitation", h -> {
            if (!answer(h, invitation, Invitation.Status.ACCEPTED, now)) {
                return false;
            }
            int n = h.createUpdate("""
                    INSERT INTO trial_enrolment (study, patient, patient_address, payee, consent_signature,
                        research_subject, status, enrolled_at)
                    VALUES (:study, :p, :addr, :payee, :sig, :subject, 'PENDING', :at)
                    ON CONFLICT (study, patient) DO NOTHING""")
                    .bind("study", e.study().hex()).bind("p", e.patient().value())
                    .bind("addr", e.patientAddress().hex()).bind("payee", e.payee().hex())
                    .bind("sig", e.consentSignature()).bind("subject", e.researchSubjectJson())
                    .bind("at", Sql.ts(e.enrolledAt())).execute();
            if (n != 1) {
                throw new IllegalStateException("patient " + e.patient() + " is enrolled in " + e.study()
                        + " without an open invitation");
            }
            OutboxRows.insertNew(h, new OutboxMessage(TrialOutbox.ENROL, e.outboxKey(), Map.of("studyId",
                    e.study().hex(), "patient", e.patient().value().toString())), now, now.plus(grace));
            return true;
        });
    }

    @Override
    public Optional<Enrolment> enrolment(Hash32 study, AccountId patient) {
        return tx.inTransaction("read enrolment", h -> h.createQuery(ENROLMENT
                + " WHERE study = :s AND patient = :p").bind("s", study.hex()).bind("p", patient.value())
                .map((rs, ctx) -> enrolment(rs)).findOne());
    }

    @Override
    public List<Enrolment> enrolments(Hash32 study) {
        return tx.inTransaction("list enrolments", h -> h.createQuery(ENROLMENT
                + " WHERE study = :s ORDER BY enrolled_at, patient").bind("s", study.hex())
                .map((rs, ctx) -> enrolment(rs)).list());
    }

    @Override
    public int activeEnrolments(Hash32 study) {
        return tx.inTransaction("count enrolments", h -> h.createQuery(
                "SELECT count(*) FROM trial_enrolment WHERE study = :s AND status <> 'REFUSED'")
                .bind("s", study.hex()).mapTo(Integer.class).one());
    }

    @Override
    public void paid(Hash32 study, AccountId patient, String txHash, Instant now) {
        settle(study, patient, "PAID", txHash, null, now);
    }

    @Override
    public void refused(Hash32 study, AccountId patient, String reason, Instant now) {
        settle(study, patient, "REFUSED", null, reason, now);
    }

    private void settle(Hash32 study, AccountId patient, String status, String txHash, String reason, Instant now) {
        tx.inTransaction("settle enrolment", h -> {
            String address = h.createUpdate("""
                    UPDATE trial_enrolment SET status = :status, tx_hash = :tx, refusal = :reason
                    WHERE study = :s AND patient = :p AND status = 'PENDING'""")
                    .bind("status", status).bind("tx", txHash).bind("reason", reason).bind("s", study.hex())
                    .bind("p", patient.value()).execute() == 1
                            ? h.createQuery("SELECT patient_address FROM trial_enrolment WHERE study = :s AND "
                                    + "patient = :p").bind("s", study.hex()).bind("p", patient.value())
                                    .mapTo(String.class).one()
                            : null;
            if (address != null) {
                complete(h, TrialOutbox.ENROL, study.hex() + "|" + address,
                        txHash != null ? Map.of("txHash", txHash) : Map.of("refusal", reason), now);
            }
            return null;
        });
    }

    @Override
    public boolean attest(MilestonePayment p, Instant now) {
        return tx.inTransaction("attest milestone", h -> {
            int n = h.createUpdate("""
                    INSERT INTO trial_milestone (study, patient, idx, name, fee, patient_address, status, attested_at)
                    VALUES (:s, :p, :i, :name, :fee, :addr, 'PENDING', :at)
                    ON CONFLICT (study, patient, idx) DO NOTHING""")
                    .bind("s", p.study().hex()).bind("p", p.patient().value()).bind("i", p.index())
                    .bind("name", p.name()).bind("fee", p.fee()).bind("addr", p.patientAddress().hex())
                    .bind("at", Sql.ts(p.attestedAt())).execute();
            if (n != 1) {
                return false;
            }
            OutboxRows.insertNew(h, new OutboxMessage(TrialOutbox.MILESTONE, p.outboxKey(), Map.of("studyId",
                    p.study().hex(), "patient", p.patient().value().toString(), "index", Integer.toString(p
                            .index()))),
                    now, now.plus(grace));
            return true;
        });
    }

    @Override
    public Optional<MilestonePayment> milestone(Hash32 study, AccountId patient, int index) {
        return tx.inTransaction("read milestone", h -> h.createQuery(MILESTONE
                + " WHERE study = :s AND patient = :p AND idx = :i").bind("s", study.hex())
                .bind("p", patient.value()).bind("i", index).map((rs, ctx) -> milestone(rs)).findOne());
    }

    @Override
    public List<MilestonePayment> milestones(Hash32 study) {
        return tx.inTransaction("list milestones", h -> h.createQuery(MILESTONE
                + " WHERE study = :s ORDER BY attested_at, patient, idx").bind("s", study.hex())
                .map((rs, ctx) -> milestone(rs)).list());
    }

    @Override
    public void milestoneSettled(MilestonePayment p, Optional<String> txHash, Optional<String> refusal,
            Instant now) {
        tx.inTransaction("settle milestone", h -> {
            int n = h.createUpdate("""
                    UPDATE trial_milestone SET status = :status, tx_hash = :tx, refusal = :reason
                    WHERE study = :s AND patient = :p AND idx = :i AND status = 'PENDING'""")
                    .bind("status", txHash.isPresent() ? "PAID" : "REFUSED").bind("tx", txHash.orElse(null))
                    .bind("reason", refusal.orElse(null)).bind("s", p.study().hex()).bind("p", p.patient().value())
                    .bind("i", p.index()).execute();
            if (n == 1) {
                complete(h, TrialOutbox.MILESTONE, p.outboxKey(), txHash.isPresent()
                        ? Map.of("txHash", txHash.get())
                        : Map.of("refusal", refusal.orElse("")), now);
            }
            return null;
        });
    }

    private static MilestonePayment milestone(ResultSet rs) throws SQLException {
        return new MilestonePayment(Hash32.fromHex(rs.getString("study")), new AccountId(Sql.uuid(rs, "patient")),
                new EvmAddress(rs.getString("patient_address")), rs.getInt("idx"), rs.getString("name"),
                rs.getLong("fee"), MilestonePayment.Status.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("tx_hash")), Optional.ofNullable(rs.getString("refusal")),
                Sql.instant(rs, "attested_at"));
    }

    private static boolean answer(Handle h, UUID invitation, Invitation.Status status, Instant now) {
        return h.createUpdate(
                """
                        UPDATE trial_invitation SET status = :status, answered_at = :at WHERE id = :id AND status = 'INVITED'""")
                .bind("status", status.name()).bind("at", Sql.ts(now)).bind("id", invitation).execute() == 1;
    }

    private static void complete(Handle h, String kind, String key, Map<String, String> result, Instant now) {
        h.createQuery("SELECT id FROM outbox WHERE kind = :kind AND idempotency_key = :key AND status = 'pending'")
                .bind("kind", kind).bind("key", key).mapTo(Long.class).findOne()
                .ifPresent(id -> OutboxRows.complete(h, id, result, now));
    }

    private static Study study(ResultSet rs) throws SQLException {
        List<Category> categories = Arrays.stream(Sql.textArray(rs, "categories")).map(Category::valueOf).toList();
        return new Study(Hash32.fromHex(rs.getString("id")), new AccountId(Sql.uuid(rs, "sponsor")),
                rs.getString("organisation"), rs.getString("title"), rs.getString("criteria"), categories,
                Purpose.valueOf(rs.getString("purpose")), new StudyTerms(rs.getLong("fee"), rs.getInt("cap"),
                        Sql.instant(rs, "deadline"), milestones(rs)),
                rs.getString("research_study"), StudyStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("fund_tx")), Optional.ofNullable(rs.getString("funding_error")),
                Sql.instant(rs, "created_at"));
    }

    private static List<Milestone> milestones(ResultSet rs) throws SQLException {
        String[] names = Sql.textArray(rs, "milestone_names");
        Long[] fees = (Long[]) rs.getArray("milestone_fees").getArray();
        List<Milestone> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new Milestone(names[i], fees[i]));
        }
        return out;
    }

    private static Invitation invitation(ResultSet rs) throws SQLException {
        return new Invitation(Sql.uuid(rs, "id"), Hash32.fromHex(rs.getString("study")),
                new AccountId(Sql.uuid(rs, "patient")), Invitation.Status.valueOf(rs.getString("status")),
                Sql.instant(rs, "invited_at"), Optional.ofNullable(Sql.instant(rs, "answered_at")));
    }

    private static Enrolment enrolment(ResultSet rs) throws SQLException {
        return new Enrolment(Hash32.fromHex(rs.getString("study")), new AccountId(Sql.uuid(rs, "patient")),
                new EvmAddress(rs.getString("patient_address")), new EvmAddress(rs.getString("payee")),
                rs.getString("consent_signature"), rs.getString("research_subject"),
                Enrolment.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("tx_hash")),
                Optional.ofNullable(rs.getString("refusal")), Sql.instant(rs, "enrolled_at"));
    }
}
