package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The terms of a grant on the command line, as the API's grant body. */
final class GrantOptions {
    @Option(names = "--categories", required = true, split = ",", description = "e.g. VITAL_SIGNS,LAB_RESULTS")
    List<String> categories;
    @Option(names = "--consumer-types", required = true, split = ",", description = "e.g. ACADEMIC_RESEARCHER")
    List<String> types;
    @Option(names = "--purposes", required = true, split = ",", description = "e.g. HRESCH,PUBHLTH")
    List<String> purposes;
    @Option(names = "--until", required = true, description = "ISO-8601 instant the grant ends.")
    String until;
    @Option(names = "--from", description = "ISO-8601 instant the grant starts (default now).")
    String from;
    @Option(names = "--min-price", defaultValue = "0", description = "Minimum price per patient.")
    long minPrice;
    @Option(names = "--consumer-address", description = "Only this consumer (0x address).")
    String consumer;

    /** The grant body; {@code defaultFrom} when {@code --from} is absent (null: the node's now). */
    Map<String, Object> body(String defaultFrom) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categories", categories);
        body.put("consumerTypes", types);
        body.put("purposes", purposes);
        body.put("validUntil", until);
        body.put("minPrice", minPrice);
        String start = from != null ? from : defaultFrom;
        if (start != null) {
            body.put("validFrom", start);
        }
        if (consumer != null) {
            body.put("consumerAddress", consumer);
        }
        return body;
    }
}
