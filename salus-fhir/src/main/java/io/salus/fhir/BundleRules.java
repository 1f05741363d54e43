package io.salus.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.core.record.Category;
import io.salus.fhir.internal.BundleIndex;
import io.salus.fhir.internal.CodedIssue;
import io.salus.fhir.internal.ReferenceChecker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The deposit rules applied to a parsed bundle: exactly one Patient, only accepted resource types, every reference
 * resolved and about that patient; then the records with their categories and canonical JSON. Thread-safe (per-call
 * state only).
 */
final class BundleRules {

    /** Referenced directory data: accepted as reference targets, not stored as the patient's records. */
    static final Set<String> DIRECTORY_TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "HealthcareService", "Endpoint");

    private final FhirContext fhir;
    private final Set<String> knownTypes;

    BundleRules(FhirContext fhir, Set<String> knownTypes) {
        this.fhir = fhir;
        this.knownTypes = knownTypes;
    }

    Result<ParsedBundle> apply(Bundle bundle, IParser parser) {
        List<BundleEntryComponent> entries = bundle.getEntry();
        List<CodedIssue> issues = new ArrayList<>();
        List<Optional<Category>> categories = new ArrayList<>(entries.size());
        Patient patient = null;
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            String loc = "Bundle.entry[" + i + "].resource";
            categories.add(r == null ? Optional.empty() : Category.of(r.fhirType(), observationCategories(r)));
            if (r == null) {
                issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR, "entry has no resource", loc));
                continue;
            }
            if (r instanceof Patient p) {
                if (patient == null) {
                    patient = p;
                } else {
                    issues.add(CodedIssue.of(ErrorCode.FOREIGN_PATIENT, "the bundle holds a second Patient", loc));
                }
            } else if (!DIRECTORY_TYPES.contains(r.fhirType()) && categories.get(i).isEmpty()) {
                issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR,
                        "resource type " + r.fhirType() + " is not accepted for deposit", loc));
            }
            if (id(entries.get(i)) == null) {
                issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR,
                        "resource has neither an id nor a urn:uuid fullUrl", loc + ".id"));
            }
            containedPatients(r, loc, issues);
        }
        if (patient == null) {
            issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR, "the bundle holds no Patient", "Bundle.entry"));
        }
        if (!issues.isEmpty()) {
            return CodedIssue.toFailure(issues).asResult();
        }
        Set<String> identifiers = identifiers(patient);
        ReferenceChecker refs = new ReferenceChecker(fhir.newTerser(), knownTypes, new BundleIndex(entries), patient,
                identifiers);
        for (int i = 0; i < entries.size(); i++) {
            refs.check(entries.get(i).getResource(), "Bundle.entry[" + i + "].resource", issues::add);
        }
        if (!issues.isEmpty()) {
            return CodedIssue.toFailure(issues).asResult();
        }
        return Result.ok(records(entries, categories, identifiers, parser));
    }

    private static ParsedBundle records(List<BundleEntryComponent> entries, List<Optional<Category>> categories,
            Set<String> identifiers, IParser parser) {
        List<ParsedResource> resources = new ArrayList<>(entries.size());
        int skipped = 0;
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (DIRECTORY_TYPES.contains(r.fhirType())) {
                skipped++;
                continue;
            }
            String id = id(entries.get(i));
            if (id != null && !r.getIdElement().hasIdPart()) {
                // the stored resource carries the id its urn:uuid fullUrl gave it, so references to it resolve later
                r.setId(id);
            }
            byte[] json = parser.encodeResourceToString(r).getBytes(StandardCharsets.UTF_8);
            resources.add(new ParsedResource(r.fhirType(), id, categories.get(i).orElseThrow(), json));
        }
        return new ParsedBundle(identifiers, resources, skipped);
    }

    /** The resource's id, or the uuid of its {@code urn:uuid:} fullUrl, or null. */
    private static String id(BundleEntryComponent entry) {
        String id = entry.getResource().getIdElement().getIdPart();
        if (id != null && !id.isEmpty()) {
            return id;
        }
        String fullUrl = entry.getFullUrl();
        return fullUrl != null && fullUrl.startsWith("urn:uuid:") && fullUrl.length() > 9
                ? fullUrl.substring(9)
                : null;
    }

    private static Set<String> observationCategories(Resource r) {
        if (!(r instanceof Observation o)) {
            return Set.of();
        }
        return o.getCategory().stream().flatMap(cc -> cc.getCoding().stream()).map(Coding::getCode)
                .filter(c -> c != null).collect(Collectors.toSet());
    }

    private static void containedPatients(Resource r, String loc, List<CodedIssue> issues) {
        if (r instanceof DomainResource dr) {
            List<Resource> contained = dr.getContained();
            for (int k = 0; k < contained.size(); k++) {
                if (contained.get(k) instanceof Patient) {
                    issues.add(CodedIssue.of(ErrorCode.FOREIGN_PATIENT, "a contained Patient is another patient",
                            loc + ".contained[" + k + "]"));
                }
            }
        }
    }

    private static Set<String> identifiers(Patient patient) {
        Set<String> out = new LinkedHashSet<>();
        for (Identifier id : patient.getIdentifier()) {
            if (id.hasValue()) {
                out.add((id.hasSystem() ? id.getSystem() : "") + "|" + id.getValue());
            }
        }
        return out;
    }
}
