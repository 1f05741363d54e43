package io.salus.fhir.deid;

import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.OidType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Signature;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.UuidType;

/**
 * The element rules of de-identification, applied by walking every element of a resource (contained resources
 * included) through the R4 model's own child list, so no element escapes because a type was not listed. See
 * {@code docs/delivery.md} for the rules and their reasons. Not thread-safe: one per de-identification call.
 */
final class Scrubber {
    /** Extensions kept (everything else, modifier extensions included, is removed). */
    static final Set<String> KEPT_EXTENSIONS = Set.of(
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", Deidentifier.AGE_90_OR_OLDER);
    private static final Set<String> PATIENT_DROPPED = Set.of("photo", "contact", "link");

    private final Pseudonyms pseudonyms;
    private final References references;
    private final int shiftDays;

    Scrubber(Pseudonyms pseudonyms, References references, int shiftDays) {
        this.pseudonyms = pseudonyms;
        this.references = references;
        this.shiftDays = shiftDays;
    }

    /** Scrubs a top-level resource in place; its id must already be the pseudonym. */
    void scrub(Resource resource) {
        Map<String, String> contained = new HashMap<>();
        if (resource instanceof DomainResource dr) {
            int i = 0;
            for (Resource c : dr.getContained()) {
                String local = "c" + i++;
                contained.put(stripHash(c.getIdElement().getIdPart()), local);
                c.setId(local);
            }
        }
        reduce(resource);
        walk(resource, contained, false);
    }

    private static void reduce(Resource resource) {
        Meta meta = resource.hasMeta() ? resource.getMeta() : null;
        resource.setMeta(meta != null && meta.hasProfile() ? new Meta().setProfile(meta.getProfile()) : null);
        resource.setImplicitRules(null);
        if (resource instanceof DomainResource dr) {
            dr.setText(null);
            for (Resource c : dr.getContained()) {
                reduce(c);
            }
        }
    }

    private void walk(Base node, Map<String, String> contained, boolean inKeptExtension) {
        for (Property p : node.children()) {
            for (Base value : new ArrayList<>(p.getValues())) {
                if (value == null) {
                    continue;
                }
                String name = p.getName();
                if (removes(node, name, value, inKeptExtension)) {
                    remove(node, name, value);
                    continue;
                }
                transform(node, name, value, contained);
                boolean keptExtension = inKeptExtension || value instanceof Extension;
                if (!(value instanceof Meta) && !(node instanceof Resource && "id".equals(name))) {
                    walk(value, contained, keptExtension);
                }
                if (emptied(value)) {
                    remove(node, name, value);
                }
            }
        }
    }

    private static boolean removes(Base parent, String name, Base value, boolean inKeptExtension) {
        if (value instanceof Identifier || value instanceof HumanName || value instanceof ContactPoint
                || value instanceof Annotation || value instanceof Signature || value instanceof Narrative
                || value instanceof Base64BinaryType) {
            return true;
        }
        if (parent instanceof Patient && PATIENT_DROPPED.contains(name)) {
            return true;
        }
        if (parent instanceof Address) {
            return !"state".equals(name) && !"country".equals(name);
        }
        if (parent instanceof Attachment) {
            return !"contentType".equals(name) && !"language".equals(name);
        }
        if (value instanceof Extension e) {
            return !inKeptExtension && !KEPT_EXTENSIONS.contains(e.getUrl());
        }
        Class<?> type = value.getClass();
        if (type == StringType.class || type == MarkdownType.class) {
            return !(parent instanceof Coding && "display".equals(name))
                    && !(parent instanceof Quantity && "unit".equals(name))
                    && !(parent instanceof Reference && "reference".equals(name));
        }
        if (type == UriType.class || type == UrlType.class || type == OidType.class || type == UuidType.class) {
            return !"system".equals(name) && !(parent instanceof Extension && "url".equals(name))
                    && !(parent instanceof Reference && "type".equals(name));
        }
        return false;
    }

    private void transform(Base parent, String name, Base value, Map<String, String> contained) {
        AgeCap.apply(parent, value);
        if (value instanceof Reference ref) {
            ref.setReference(mapReference(ref.getReference(), contained));
        } else if (value instanceof BaseDateTimeType date && date.getValue() != null) {
            date.add(Calendar.DATE, shiftDays);
        } else if (value instanceof IdType id && !(parent instanceof Resource && "id".equals(name))
                && id.getValue() != null) {
            id.setValue(pseudonyms.oid(id.getValue()));
        }
    }

    private String mapReference(String original, Map<String, String> contained) {
        if (original == null || original.isEmpty()) {
            return null;
        }
        if (original.startsWith("#")) {
            String local = contained.get(original.substring(1));
            return local == null ? null : "#" + local;
        }
        return references.map(original);
    }

    private static boolean emptied(Base value) {
        if (value instanceof Extension e) {
            return !e.hasValue() && e.getExtension().isEmpty();
        }
        return !(value instanceof PrimitiveType<?>) && value.isEmpty();
    }

    private static void remove(Base parent, String name, Base value) {
        try {
            parent.removeChild(name, value);
        } catch (FHIRException | UnsupportedOperationException e) {
            if (value instanceof PrimitiveType<?> primitive) {
                primitive.setValue(null);
                primitive.getExtension().clear();
            } else {
                throw new IllegalStateException("cannot remove " + parent.fhirType() + "." + name, e);
            }
        }
    }

    private static String stripHash(String id) {
        return id != null && id.startsWith("#") ? id.substring(1) : String.valueOf(id);
    }
}
