package io.salus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR search parameters evaluated on resources: the parameter's FHIRPath expression from the R4 definitions (HAPI's
 * {@link RuntimeSearchParam}), then token matching ({@code code}, {@code system|code}, {@code |code},
 * {@code system|}) or date matching with the R4 prefixes ({@code eq ne gt lt ge le sa eb ap}, ranges by precision).
 * Compiled expressions are cached. Thread-safe.
 */
final class SearchMatcher {
    private final FhirContext fhir;
    private final IFhirPath path;
    private final Map<String, IFhirPath.IParsedExpression> compiled = new ConcurrentHashMap<>();

    SearchMatcher(FhirContext fhir) {
        this.fhir = fhir;
        this.path = fhir.newFhirPath();
    }

    /** The R4 search parameter of that name on the type, if the type has one of the given kind. */
    Optional<RuntimeSearchParam> param(String type, String name, RestSearchParameterTypeEnum kind) {
        RuntimeSearchParam p = fhir.getResourceDefinition(type).getSearchParam(name);
        return p != null && p.getParamType() == kind && p.getPath() != null && !p.getPath().isBlank()
                ? Optional.of(p)
                : Optional.empty();
    }

    /** Every AND clause has an OR value matching one of the resource's values of the parameter. */
    boolean tokens(Resource r, String name, TokenAndListParam and) {
        List<IBase> values = values(r, name, RestSearchParameterTypeEnum.TOKEN);
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            boolean any = false;
            for (TokenParam t : or.getValuesAsQueryTokens()) {
                if (t.getModifier() != null) {
                    throw Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, "token modifier :"
                            + t.getModifier().getValue() + " is not supported");
                }
                any |= values.stream().anyMatch(v -> token(v, t));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** Every date clause matches some value of the parameter. */
    boolean dates(Resource r, String name, DateRangeParam range) {
        List<long[]> values = values(r, name, RestSearchParameterTypeEnum.DATE).stream().map(SearchMatcher::range)
                .filter(x -> x != null).toList();
        for (DateParam d : range.getValuesAsQueryTokens()) {
            if (d.isEmpty()) {
                continue;
            }
            long[] p = DateRanges.of(d);
            if (values.stream().noneMatch(v -> DateRanges.matches(d.getPrefix(), v, p))) {
                return false;
            }
        }
        return true;
    }

    private List<IBase> values(Resource r, String name, RestSearchParameterTypeEnum kind) {
        RuntimeSearchParam p = param(r.fhirType(), name, kind).orElseThrow(() -> Outcomes.of(
                ErrorCode.FHIR_SEARCH_UNSUPPORTED, r.fhirType() + " has no " + kind + " parameter " + name));
        IFhirPath.IParsedExpression e = compiled.computeIfAbsent(r.fhirType() + "." + name, k -> {
            try {
                return path.parse(p.getPath());
            } catch (Exception ex) {
                throw new IllegalStateException("R4 search parameter " + k + " does not compile: " + p.getPath(),
                        ex);
            }
        });
        return path.evaluate(r, e, IBase.class);
    }

    private static boolean token(IBase value, TokenParam t) {
        return switch (value) {
            case CodeableConcept cc -> cc.getCoding().stream().anyMatch(c -> token(c, t));
            case Coding c -> matches(c.getSystem(), c.getCode(), t);
            case Identifier i -> matches(i.getSystem(), i.getValue(), t);
            case PrimitiveType<?> p -> matches(null, p.getValueAsString(), t);
            default -> false;
        };
    }

    private static boolean matches(String system, String code, TokenParam t) {
        String ps = t.getSystem();
        String pv = t.getValue();
        boolean systemOk = ps == null || (ps.isEmpty() ? system == null || system.isEmpty() : ps.equals(system));
        boolean codeOk = pv == null || pv.isEmpty() || pv.equals(code);
        return systemOk && codeOk && !(ps == null && (pv == null || pv.isEmpty()));
    }

    /** [low, high) in epoch milliseconds; open ends are the extremes; null for values that are not dates. */
    private static long[] range(IBase value) {
        return switch (value) {
            case BaseDateTimeType d when d.getValue() != null -> new long[]{d.getValue().getTime(),
                    d.getPrecision().add(d.getValue(), 1).getTime()};
            case Period p -> new long[]{p.hasStart() ? range(p.getStartElement())[0] : Long.MIN_VALUE,
                    p.hasEnd() ? range(p.getEndElement())[1] : Long.MAX_VALUE};
            default -> null;
        };
    }
}
