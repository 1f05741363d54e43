package io.salus.fhir.deid;

import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.fhir.HapiBundleParser;
import io.salus.testkit.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Synthea fixtures as the node stores them: each resource's canonical JSON from the deposit parser. */
final class StoredFixtures {
    static final HapiBundleParser PARSER = new HapiBundleParser();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);
    static final Deidentifier DEIDENTIFIER = new Deidentifier(CLOCK);
    private static final Map<String, List<ParsedResource>> CACHE = new ConcurrentHashMap<>();

    private StoredFixtures() {
    }

    static List<ParsedResource> records(String fixture) {
        return CACHE.computeIfAbsent(fixture, f -> PARSER.parse(Fixtures.bytes(f)).orElseThrow().resources());
    }

    static List<byte[]> json(String fixture) {
        return records(fixture).stream().map(ParsedResource::json).toList();
    }

    static DealKey deal(String id, int seed) {
        byte[] secret = new byte[DealKey.SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i);
        }
        return DealKey.of(id, secret);
    }
}
