package io.salus.compute.cohort;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.salus.compute.cohort.internal.CriteriaReader;
import io.salus.compute.cohort.internal.CriteriaReader.Invalid;
import io.salus.core.cohort.Criterion;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parses the cohort criteria JSON language ({@code docs/cohorts.md}) into a {@link Criterion}. Every problem is a
 * {@link Result} failure: malformed JSON is {@link ErrorCode#INVALID_JSON}; anything else (unknown keys, unknown code
 * systems, bad comparators, min above max, non-finite numbers, nesting deeper than {@value #MAX_DEPTH} criteria, more
 * than {@value #MAX_NODES} criteria, a body over {@value #MAX_BYTES} bytes) is {@link ErrorCode#INVALID_REQUEST} with
 * one {@link Failure.Issue} whose location is the JSON path of the field at fault ({@code $.all[1].observation.value.unit}).
 * Thread-safe.
 */
public final class CriteriaParser {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NODES = 1_000;
    public static final int MAX_BYTES = 256 * 1024;

    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8 * MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .build()).build();

    public Result<Criterion> parse(String text) {
        return text == null
                ? Result.fail(ErrorCode.INVALID_JSON, "the criteria are empty")
                : parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public Result<Criterion> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Failure.of(ErrorCode.INVALID_JSON, "the criteria are empty", "$").asResult();
        }
        if (body.length > MAX_BYTES) {
            return Failure.of(ErrorCode.INVALID_REQUEST, "the criteria have " + body.length
                    + " bytes, more than " + MAX_BYTES, "$").asResult();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return Failure.of(ErrorCode.INVALID_JSON, "the criteria are not valid JSON: " + e.getOriginalMessage(),
                    "$").asResult();
        } catch (IOException e) {
            return Failure.of(ErrorCode.INVALID_JSON, "the criteria cannot be read: " + e.getMessage(), "$")
                    .asResult();
        }
        try {
            return Result.ok(new CriteriaReader().criterion(root, "$", 1, Optional.empty()));
        } catch (Invalid e) {
            return Failure.of(ErrorCode.INVALID_REQUEST, e.getMessage(), e.location()).asResult();
        }
    }
}
