package io.salus.fhir.internal;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.RuntimeChildResourceDefinition;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Finds where an element sits inside a resource (e.g. {@code subject}, {@code result[2]}) and which resource types
 * a reference element may point at. Used only when building a failure, so its cost is off the hot path. Thread-safe
 * if the terser is.
 */
public final class ElementPaths {

    /** Where an element is and whether its definition allows a Patient target. */
    public record Found(String path, boolean allowsPatient) {
    }

    private final FhirTerser terser;

    public ElementPaths(FhirTerser terser) {
        this.terser = terser;
    }

    /** The path of {@code target} relative to the resource, or "?" if it is not found. */
    public Found find(IBaseResource resource, IBase target) {
        Found[] found = new Found[1];
        terser.visit(resource, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing,
                    List<BaseRuntimeChildDefinition> children, List<BaseRuntimeElementDefinition<?>> definitions) {
                if (found[0] != null) {
                    return false;
                }
                if (element == target) {
                    found[0] = new Found(path(containing, children), allowsPatient(children));
                    return false;
                }
                return true;
            }
        });
        return found[0] == null ? new Found("?", false) : found[0];
    }

    private static String path(List<IBase> containing, List<BaseRuntimeChildDefinition> children) {
        StringBuilder sb = new StringBuilder();
        int offset = containing.size() - children.size() - 1;
        for (int k = 0; k < children.size(); k++) {
            BaseRuntimeChildDefinition def = children.get(k);
            IBase parent = containing.get(k + offset);
            IBase child = containing.get(k + offset + 1);
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(name(def, child));
            List<IBase> siblings = def.getAccessor().getValues(parent);
            if (siblings.size() > 1) {
                for (int i = 0; i < siblings.size(); i++) {
                    if (siblings.get(i) == child) {
                        sb.append('[').append(i).append(']');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String name(BaseRuntimeChildDefinition def, IBase child) {
        String byType = def.getChildNameByDatatype(child.getClass());
        return byType != null ? byType : def.getElementName();
    }

    private static boolean allowsPatient(List<BaseRuntimeChildDefinition> children) {
        if (children.isEmpty()) {
            return false;
        }
        if (children.get(children.size() - 1) instanceof RuntimeChildResourceDefinition ref) {
            return ref.getResourceTypes().stream().anyMatch(c -> "Patient".equals(c.getSimpleName()));
        }
        return false;
    }
}
