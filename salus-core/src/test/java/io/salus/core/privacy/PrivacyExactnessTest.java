package io.salus.core.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mechanism has no floating point in it: no double or float values, no floating-point Math (exp, log), no decimal-to-double. */
class PrivacyExactnessTest {
    private static final Set<String> FLOATING = Set.of("double", "float", "java.lang.Double", "java.lang.Float");
    private final JavaClasses privacy = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.salus.core.privacy");

    @Test
    void thePrivacyPackage_usesNoFloatingPointTypesOrMathFunctions() {
        assertThat(privacy).isNotEmpty();
        noClasses().should().dependOnClassesThat().belongToAnyOf(StrictMath.class, Double.class, Float.class,
                java.util.Random.class).check(privacy);
        noClasses().should().callMethod(BigDecimal.class, "doubleValue")
                .orShould().callMethod(BigDecimal.class, "floatValue").check(privacy);
        List<String> floating = new ArrayList<>();
        for (JavaClass c : privacy) {
            c.getFields().stream().filter(f -> FLOATING.contains(f.getRawType().getName()))
                    .forEach(f -> floating.add(f.getFullName()));
            c.getCodeUnits().stream()
                    .filter(m -> FLOATING.contains(m.getRawReturnType().getName()) || m.getRawParameterTypes()
                            .stream().anyMatch(p -> FLOATING.contains(p.getName())))
                    .forEach(m -> floating.add(m.getFullName()));
            c.getMethodCallsFromSelf().stream()
                    .filter(call -> FLOATING.contains(call.getTarget().getRawReturnType().getName())
                            || call.getTarget().getRawParameterTypes().stream()
                                    .anyMatch(p -> FLOATING.contains(p.getName())))
                    .forEach(call -> floating.add(call.getDescription()));
        }
        assertThat(floating).isEmpty();
    }
}
