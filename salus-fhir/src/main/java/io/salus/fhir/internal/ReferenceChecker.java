package io.salus.fhir.internal;

import ca.uhn.fhir.util.FhirTerser;
import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Checks every {@link Reference} of a resource against the bundle: internal ones ({@code urn:uuid:}, {@code urn:oid:},
 * {@code Type/id}, {@code #id}) must resolve, anything that points at a Patient must point at the bundle's patient,
 * external ones (absolute URLs, conditional {@code Type?query}) are allowed if their type exists. Not thread-safe:
 * one per parse.
 */
public final class ReferenceChecker {

    private final FhirTerser terser;
    private final ElementPaths paths;
    private final Set<String> knownTypes;
    private final BundleIndex index;
    private final Patient patient;
    private final Set<String> patientIdentifiers;

    public ReferenceChecker(FhirTerser terser, Set<String> knownTypes, BundleIndex index, Patient patient,
            Set<String> patientIdentifiers) {
        this.terser = terser;
        this.paths = new ElementPaths(terser);
        this.knownTypes = knownTypes;
        this.index = index;
        this.patient = patient;
        this.patientIdentifiers = patientIdentifiers;
    }

    /** Reports the problems of one entry's resource; {@code location} is e.g. {@code Bundle.entry[3].resource}. */
    public void check(Resource resource, String location, Consumer<CodedIssue> issues) {
        List<Reference> refs = terser.getAllPopulatedChildElementsOfType(resource, Reference.class);
        for (Reference ref : refs) {
            String s = ref.getReference();
            if (s == null || s.isEmpty()) {
                continue;
            }
            Verdict v = judge(resource, ref, s);
            if (v != Verdict.OK) {
                ElementPaths.Found where = paths.find(resource, ref);
                ErrorCode code = v == Verdict.FOREIGN || (v == Verdict.UNRESOLVED && where.allowsPatient())
                        ? ErrorCode.FOREIGN_PATIENT
                        : ErrorCode.BROKEN_REFERENCE;
                String message = code == ErrorCode.FOREIGN_PATIENT
                        ? resource.fhirType() + " refers to a patient other than the bundle's: " + Texts.abbreviate(s)
                        : resource.fhirType() + " has a reference that does not resolve: " + Texts.abbreviate(s);
                issues.accept(CodedIssue.of(code, message, location + "." + where.path()));
            }
        }
    }

    private enum Verdict {
        OK,
        FOREIGN,
        BROKEN,
        UNRESOLVED
    }

    private Verdict judge(Resource container, Reference ref, String s) {
        if (s.startsWith("#")) {
            return contained(container, s.substring(1));
        }
        if (s.startsWith("urn:uuid:") || s.startsWith("urn:oid:")) {
            Resource target = index.byFullUrl(s);
            return target != null ? target(target) : unresolved(ref);
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            Resource target = index.byFullUrl(s);
            return target != null ? target(target) : absolute(s);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            return conditional(s.substring(0, q), s.substring(q + 1));
        }
        String[] parts = s.split("/", -1);
        if ((parts.length == 2 || parts.length == 4 && "_history".equals(parts[2])) && !parts[1].isEmpty()) {
            if (!knownTypes.contains(parts[0])) {
                return Verdict.BROKEN;
            }
            Resource target = index.byTypeAndId(parts[0], parts[1]);
            if (target != null) {
                return target(target);
            }
            return "Patient".equals(parts[0]) ? Verdict.FOREIGN : Verdict.BROKEN;
        }
        return Verdict.BROKEN;
    }

    private Verdict contained(Resource container, String id) {
        if (id.isEmpty()) {
            return Verdict.OK;
        }
        if (container instanceof DomainResource dr) {
            for (Resource c : dr.getContained()) {
                String cid = c.getIdElement().getIdPart();
                if (cid != null && (cid.equals(id) || cid.equals("#" + id))) {
                    return c instanceof Patient ? Verdict.FOREIGN : Verdict.OK;
                }
            }
        }
        return Verdict.BROKEN;
    }

    private Verdict target(Resource target) {
        return target instanceof Patient && target != patient ? Verdict.FOREIGN : Verdict.OK;
    }

    private static Verdict unresolved(Reference ref) {
        return "Patient".equals(ref.getType()) ? Verdict.FOREIGN : Verdict.UNRESOLVED;
    }

    private Verdict absolute(String url) {
        String[] parts = url.split("/");
        for (int i = parts.length - 2; i >= 0 && i >= parts.length - 4; i--) {
            if ("Patient".equals(parts[i])) {
                return Verdict.FOREIGN;
            }
        }
        return Verdict.OK;
    }

    private Verdict conditional(String type, String query) {
        if (!knownTypes.contains(type)) {
            return Verdict.BROKEN;
        }
        if (!"Patient".equals(type)) {
            return Verdict.OK;
        }
        for (String param : query.split("&")) {
            if (param.startsWith("identifier=")) {
                try {
                    String value = java.net.URLDecoder.decode(param.substring("identifier=".length()),
                            java.nio.charset.StandardCharsets.UTF_8);
                    if (patientIdentifiers.contains(value)) {
                        return Verdict.OK;
                    }
                } catch (IllegalArgumentException e) {
                    return Verdict.BROKEN;
                }
            }
        }
        return Verdict.FOREIGN;
    }
}
