package io.salus.fhir.imports;

import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Apple Health's {@code export.xml}, streamed with the JDK's StAX reader: every {@code Record} element (top level or
 * inside a blood-pressure {@code Correlation}) of a supported type becomes a reading ({@link AppleHealthTypes});
 * others are skipped and counted by type. Hostile XML is refused before anything is read from it: external entities
 * and DTD processing are off, a DOCTYPE naming an external DTD or declaring any entity is refused (Apple's own
 * internal subset declares only elements and attributes), and so is any entity reference; so neither XXE nor entity
 * expansion (billion laughs) can happen. Errors carry the line. Stateless.
 */
final class AppleHealthExport {
    private static final DateTimeFormatter APPLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    private static final Pattern EXTERNAL_ID = Pattern.compile("^<!DOCTYPE\\s+\\S+\\s+(SYSTEM|PUBLIC)\\b");
    private final XMLInputFactory factory;
    private final int maxReadings;

    AppleHealthExport(int maxReadings) {
        this.maxReadings = maxReadings;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    Result<ImportedReadings> parse(InputStream in) {
        List<Reading> readings = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        XMLStreamReader x = null;
        try {
            x = factory.createXMLStreamReader(in);
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.DTD && !safe(x.getText())) {
                    return fail(ErrorCode.IMPORT_MALFORMED, x, "a DOCTYPE with an external DTD or entity "
                            + "declarations is refused");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    return fail(ErrorCode.IMPORT_MALFORMED, x, "entity references are refused (&" + x.getLocalName()
                            + ";)");
                }
                if (event == XMLStreamConstants.START_ELEMENT && "Record".equals(x.getLocalName())) {
                    Result<Boolean> r = record(x, readings, skipped);
                    if (!r.isOk()) {
                        return r.propagate();
                    }
                    if (readings.size() > maxReadings) {
                        return fail(ErrorCode.IMPORT_TOO_LARGE, x, "more than " + maxReadings + " readings");
                    }
                }
            }
            return Result.ok(new ImportedReadings(ImportFormat.APPLE_HEALTH, readings, skipped));
        } catch (XMLStreamException e) {
            LimitedSource.rethrowIfTooLarge(e);
            return Result.fail(Failure.of(ErrorCode.IMPORT_MALFORMED, "not well-formed XML: " + e.getMessage(),
                    "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber())));
        } finally {
            close(x);
        }
    }

    private static boolean safe(String doctype) {
        String d = doctype.strip();
        return !EXTERNAL_ID.matcher(d).find() && !d.contains("<!ENTITY");
    }

    private static Result<Boolean> record(XMLStreamReader x, List<Reading> readings, Map<String, Integer> skipped) {
        String type = attr(x, "type");
        var mapping = AppleHealthTypes.of(type);
        if (mapping.isEmpty()) {
            skipped.merge(type == null ? "(no type)" : type, 1, Integer::sum);
            return Result.ok(false);
        }
        String unit = attr(x, "unit");
        var unitMap = mapping.get().unit(unit);
        if (unitMap.isEmpty()) {
            return fail(ErrorCode.IMPORT_WRONG_UNIT, x, type + " in '" + unit + "': it is measured in "
                    + mapping.get().units());
        }
        BigDecimal value;
        Instant at;
        try {
            value = new BigDecimal(attr(x, "value"));
            at = OffsetDateTime.parse(attr(x, "startDate"), APPLE_TIME).toInstant();
        } catch (NumberFormatException | NullPointerException | DateTimeParseException e) {
            return fail(ErrorCode.IMPORT_MALFORMED, x, type + " needs a decimal value and a startDate such as "
                    + "2026-03-01 08:30:00 +0100");
        }
        VitalSign sign = unitMap.get().sign();
        int shift = unitMap.get().shift();
        readings.add(new Reading(sign.loinc(), shift == 0 ? value : value.movePointRight(shift).stripTrailingZeros(),
                unitMap.get().ucum(), at));
        return Result.ok(true);
    }

    private static String attr(XMLStreamReader x, String name) {
        return x.getAttributeValue(null, name);
    }

    private static <T> Result<T> fail(ErrorCode code, XMLStreamReader x, String detail) {
        String at = "line " + x.getLocation().getLineNumber();
        return Result.fail(Failure.of(code, at + ": " + detail, at));
    }

    private static void close(XMLStreamReader x) {
        if (x != null) {
            try {
                x.close();
            } catch (XMLStreamException e) {
                // nothing more to read
            }
        }
    }
}
