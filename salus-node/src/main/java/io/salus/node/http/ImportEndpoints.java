package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.device.ImportFormat;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.ReadingImportParser.ByteSource;
import io.salus.core.usecase.device.ReadingImports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading imports: {@code POST /patients/{id}/readings/imports?format=apple-health|fhir-bundle} with the export as
 * the body, streamed (Apple Health's {@code export.xml}, or a FHIR Bundle of Observations in JSON), by the patient or
 * a provider caring for them. {@code 201} with the readings taken, their records and the types skipped; {@code 200}
 * when every record was imported before.
 */
public final class ImportEndpoints implements ApiEndpoints {
    private final ReadingImports imports;
    private final Auth auth;

    public ImportEndpoints(ReadingImports imports, Auth auth) {
        this.imports = imports;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/readings/imports", this::importReadings);
    }

    Result<Reply> importReadings(Context ctx) {
        String f = ctx.queryParam("format");
        Result<ImportFormat> format = ImportFormat.parse(f).map(Result::ok).orElseGet(() -> Result.fail(Failure.of(
                ErrorCode.INVALID_REQUEST, "format must be apple-health or fhir-bundle, not " + f, "format")));
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> format
                .flatMap(fmt -> imports.importReadings(actor, patient, fmt, source(ctx.bodyInputStream())))))
                .map(receipt -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("readings", receipt.readings());
                    m.put("records", receipt.records().stream().map(Object::toString).toList());
                    m.put("alreadyImported", receipt.alreadyImported());
                    m.put("skipped", receipt.skipped());
                    return Reply.json(receipt.alreadyImported() == receipt.records().size() ? 200 : 201, m);
                });
    }

    private static ByteSource source(InputStream in) {
        return (buf, off, len) -> {
            try {
                return in.read(buf, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException("the upload broke off", e);
            }
        };
    }
}
