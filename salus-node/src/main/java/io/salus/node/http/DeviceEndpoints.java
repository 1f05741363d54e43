package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.DeviceFhir;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.device.DeviceBatches;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.device.Offered;
import io.salus.node.device.BatchJson;
import io.salus.node.device.OfferJson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices: registration (the patient, or a provider caring for them), listing, status (counters, gaps, freshness),
 * the FHIR Device, retirement; signed batches over HTTPS ({@code POST /devices/{id}/batches}, no bearer token: the
 * batch signature is the authentication); and the proof of one reading of a batch record.
 */
public final class DeviceEndpoints implements ApiEndpoints {
    private final DeviceService devices;
    private final DeviceBatches batches;
    private final DeviceFhir fhir;
    private final RecordService records;
    private final Clock clock;
    private final Auth auth;

    public DeviceEndpoints(DeviceService devices, DeviceBatches batches, DeviceFhir fhir, RecordService records,
            Clock clock, Auth auth) {
        this.devices = devices;
        this.batches = batches;
        this.fhir = fhir;
        this.records = records;
        this.clock = clock;
        this.auth = auth;
    }

    /** A registration request. */
    public record RegisterBody(String publicKey, String kind, List<String> codes) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/devices", this::register);
        r.add(HandlerType.GET, "/patients/{patientId}/devices", this::list);
        r.add(HandlerType.GET, "/devices/{deviceId}", this::status);
        r.add(HandlerType.GET, "/devices/{deviceId}/fhir", this::fhir);
        r.add(HandlerType.POST, "/devices/{deviceId}/retirement", this::retire);
        r.add(HandlerType.POST, "/devices/{deviceId}/batches", this::batch);
        r.add(HandlerType.GET, "/records/{recordId}/readings/{index}/receipt", this::readingReceipt);
    }

    Result<Reply> register(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, RegisterBody.class).flatMap(b -> devices.register(actor, patient, new DeviceService.Request(
                        b.publicKey(), b.kind(), b.codes())))))
                .map(reg -> Reply.json(201, registration(reg)));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> devices.of(actor, patient)))
                .map(l -> Reply.ok(Map.of("devices", l.stream().map(DeviceEndpoints::registration).toList())));
    }

    Result<Reply> status(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> devices.status(actor, ctx.pathParam("deviceId")))
                .map(s -> {
                    Map<String, Object> m = registration(s.registration());
                    m.put("stream", stream(s.stream(), clock));
                    return Reply.ok(m);
                });
    }

    Result<Reply> fhir(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> devices.status(actor, ctx.pathParam("deviceId")))
                .map(s -> Reply.raw(200, "application/fhir+json", fhir.device(s.registration())));
    }

    Result<Reply> retire(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> devices.retire(actor, ctx.pathParam("deviceId")))
                .map(reg -> Reply.ok(registration(reg)));
    }

    Result<Reply> batch(Context ctx) {
        return BatchJson.parse(ctx.bodyAsBytes()).flatMap(upload -> {
            if (!upload.signed().device().toString().equals(ctx.pathParam("deviceId"))) {
                return Result.fail(Failure.of(ErrorCode.DEVICE_BATCH_MALFORMED, "the batch names device "
                        + upload.signed().device() + ", not the one in the path", "device"));
            }
            return batches.offer(upload, "https");
        }).flatMap(DeviceEndpoints::reply);
    }

    Result<Reply> readingReceipt(Context ctx) {
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "index must be a whole number", "index"));
        }
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> records.readingReceipt(actor, id, index)))
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("recordId", r.recordId().toString());
                    m.put("index", r.index());
                    m.put("salt", r.salt().hex());
                    m.put("leaf", r.leaf().hex());
                    m.put("root", r.root().hex());
                    m.put("proof", Views.hexes(r.proof()));
                    m.put("batchKey", r.batchKey().hex());
                    m.put("txHash", r.txHash());
                    m.put("blockNumber", r.blockNumber());
                    return Reply.ok(m);
                });
    }

    /** Accepted: 202 with the record and the gaps; a duplicate: 200 (acknowledge again); a refusal: its problem. */
    static Result<Reply> reply(Offered o) {
        if (o.outcome() instanceof IntakeOutcome.Refused r) {
            return Result.fail(r.failure());
        }
        return Result.ok(Reply.json(o.outcome() instanceof IntakeOutcome.Accepted ? 202 : 200, OfferJson.outcome(o)));
    }

    static Map<String, Object> registration(DeviceRegistration d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("patientId", d.patient().toString());
        m.put("registeredBy", d.registeredBy().toString());
        m.put("publicKey", d.publicKey().hex());
        m.put("kind", d.kind().name());
        m.put("codes", d.measures().stream().map(VitalSign::loinc).sorted().toList());
        m.put("registeredAt", d.registeredAt());
        d.retiredAt().ifPresent(t -> m.put("retiredAt", t));
        return m;
    }

    static Map<String, Object> stream(DeviceStream s, Clock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nextSequence", s.sequencer().next());
        m.put("highestSequence", s.sequencer().highest());
        m.put("missing", OfferJson.missing(s));
        m.put("lost", s.sequencer().lost());
        var c = s.counters();
        m.put("counters", Map.of("accepted", c.accepted(), "duplicates", c.duplicates(), "forged", c.forged(),
                "replayed", c.replayed(), "stale", c.stale(), "malformed", c.malformed()));
        s.newestReading().ifPresent(t -> {
            m.put("newestReading", t);
            Duration age = Duration.between(t, clock.instant());
            m.put("freshnessSeconds", Math.max(0, age.toSeconds()));
        });
        return m;
    }

}
