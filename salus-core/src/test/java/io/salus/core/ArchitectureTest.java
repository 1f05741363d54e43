package io.salus.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final com.tngtech.archunit.core.domain.JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.salus.core");

    @Test
    void theDomainDependsOnNoFrameworkAndDoesNoIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
                "java.sql..", "javax.sql..", "org.jdbi..", "org.web3j..", "io.javalin..", "ca.uhn..",
                "com.google.crypto..", "com.fasterxml..").check(core);
    }

    @Test
    void theDomainNeverReadsTheSystemClock() {
        noClasses().should().callMethod(java.time.Instant.class, "now").check(core);
    }

    @Test
    void theDomainDoesNotDependOnAdapters() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.salus.store..", "io.salus.chain..",
                "io.salus.crypto..", "io.salus.fhir..", "io.salus.node..").check(core);
    }
}
