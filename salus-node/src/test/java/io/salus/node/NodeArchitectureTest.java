package io.salus.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The composition root rule (docs/decisions/0007): {@code io.salus.node.wiring} is the only place that constructs
 * adapters, randomness, clocks and settings; the API, the portal and the command line see ports and use cases only.
 */
class NodeArchitectureTest {
    private static final String NODE = "io.salus.node..";
    private static final String WIRING = "io.salus.node.wiring..";
    private static final String CONFIG = "io.salus.node.config..";
    private static final String[] SURFACES = {"io.salus.node.http..", "io.salus.node.web..", "io.salus.node.cli..",
            "io.salus.node.fhir.."};
    private static final Pattern TECHNOLOGY = Pattern.compile("(Tink|Roaring|Hapi|SdJwt|Postgres|Evm)[A-Z].*");

    /** The node and the adapter modules (so that the adapters' interfaces are known); no tests. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.salus.node", "io.salus.store", "io.salus.chain", "io.salus.crypto", "io.salus.compute",
                    "io.salus.fhir");

    /**
     * An adapter: anything of the store and chain modules, and the classes of the crypto, compute and FHIR modules
     * that implement a core interface (a port) or are named for their technology ({@code TinkKeyManager},
     * {@code RoaringCohortIndex}, {@code HapiBundleParser}, {@code SdJwtCredentialSigner}).
     */
    private static final DescribedPredicate<JavaClass> ADAPTER = new DescribedPredicate<>("adapters") {
        @Override
        public boolean test(JavaClass c) {
            String p = c.getPackageName();
            if (p.startsWith("io.salus.store") || p.startsWith("io.salus.chain")) {
                return true;
            }
            boolean pluggable = p.startsWith("io.salus.crypto") || p.startsWith("io.salus.compute")
                    || p.startsWith("io.salus.fhir");
            return pluggable && (TECHNOLOGY.matcher(c.getSimpleName()).matches()
                    || c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().startsWith("io.salus.core")));
        }
    };

    /** A constructor or a static factory of an adapter ({@code new PostgresOutbox(..)}, {@code EvmLedger.connect}). */
    private static final DescribedPredicate<JavaCall<?>> CONSTRUCTS_AN_ADAPTER = new DescribedPredicate<>(
            "a constructor or static method of an adapter") {
        @Override
        public boolean test(JavaCall<?> call) {
            JavaClass owner = call.getTargetOwner();
            boolean creates = call.getTarget().getName().equals("<init>") || call.getTarget().resolveMember()
                    .map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(false);
            return creates && ADAPTER.test(owner);
        }
    };

    @Test
    void adapters_areConstructedOnlyInTheCompositionRoot() {
        noClasses().that().resideInAPackage(NODE).and().resideOutsideOfPackage(WIRING)
                .should().callCodeUnitWhere(CONSTRUCTS_AN_ADAPTER).check(CLASSES);
    }

    @Test
    void theApiThePortalAndTheCli_importNoDatabaseNoBitmapsAndNoAdapter() {
        noClasses().that().resideInAnyPackage(SURFACES).should().dependOnClassesThat(
                resideInAnyPackage("org.jdbi..", "org.roaringbitmap..").or(ADAPTER)).check(CLASSES);
    }

    @Test
    void randomnessClocksAndTheEnvironment_areObtainedOnlyInWiringAndConfig() {
        noClasses().that().resideInAPackage(NODE).and().resideOutsideOfPackages(WIRING, CONFIG)
                .should().callConstructorWhere(DescribedPredicate.describe("a SecureRandom constructor",
                        c -> c.getTargetOwner().isEquivalentTo(SecureRandom.class)))
                .orShould().callMethod(SecureRandom.class, "getInstanceStrong")
                .orShould().callMethod(SecureRandom.class, "getInstance", String.class)
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Clock.class, "system", ZoneId.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class).check(CLASSES);
    }

    @Test
    void endpointsAndPages_getTheirUseCasesHanded_neverTheRootOrTheSettings() {
        noClasses().that().resideInAnyPackage("io.salus.node.http..", "io.salus.node.web..", "io.salus.node.market..",
                "io.salus.node.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage(WIRING, CONFIG).check(CLASSES);
    }
}
