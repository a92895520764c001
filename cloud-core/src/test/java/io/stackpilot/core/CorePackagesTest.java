package io.stackpilot.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages of the core depend on each other in one direction only. */
class CorePackagesTest {

    private final JavaClasses coreClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stackpilot.core");

    @Test
    void network_knows_nothing_of_compute() {
        noClasses().that().resideInAPackage("io.stackpilot.core.network..")
                .should().dependOnClassesThat().resideInAPackage("io.stackpilot.core.compute..")
                .because("a server is attached to networks (compute uses network); where floating IPs meet servers"
                        + " is the reach package")
                .check(coreClasses);
    }

    @Test
    void the_feature_packages_have_no_cycles_but_the_known_one_of_compute_and_catalog() {
        // Known and left: ServerService (compute) reads the catalog, whose lists are of compute's flavors.
        slices().matching("io.stackpilot.core.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("io.stackpilot.core.compute.."),
                        resideInAPackage("io.stackpilot.core.catalog.."))
                .check(coreClasses);
    }
}
