package ru.edu.auditor.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way layers of docs/architecture.md, checked on the compiled product classes: a package may use only the
 * layers below it, and no two packages (at any depth) may use each other. Add a layer here and in the document
 * together.
 */
class LayersTest {
    private static final String ROOT = "ru.edu.auditor";
    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(ROOT + "..")
                .layer("text").definedBy(ROOT + ".text..")
                .layer("facts").definedBy(ROOT + ".facts..")
                .layer("law").definedBy(ROOT + ".law..")
                .layer("ruleapi").definedBy(ROOT + ".ruleapi..")
                .layer("engine").definedBy(ROOT + ".engine..")
                .layer("report").definedBy(ROOT + ".report..")
                .layer("store").definedBy(ROOT + ".store..")
                .layer("formats").definedBy(ROOT + ".formats..")
                .layer("service").definedBy(ROOT + ".service..")
                .layer("api").definedBy(ROOT + ".api..")
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("web").definedBy(ROOT + ".web..")
                .layer("assembly").definedBy(ROOT + ".assembly..")
                .layer("tools").definedBy(ROOT + ".tools..")
                .layer("app").definedBy(ROOT)
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("assembly").mayOnlyBeAccessedByLayers("tools", "app")
                .whereLayer("web").mayOnlyBeAccessedByLayers("assembly", "tools", "app")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("assembly", "tools", "app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("assembly", "tools", "app")
                .whereLayer("service").mayOnlyBeAccessedByLayers("api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("formats").mayOnlyBeAccessedByLayers("service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("report").mayOnlyBeAccessedByLayers("store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("report", "store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("ruleapi").mayOnlyBeAccessedByLayers("engine", "report", "store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("law").mayOnlyBeAccessedByLayers("ruleapi", "engine", "report", "store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("facts").mayOnlyBeAccessedByLayers("law", "ruleapi", "engine", "report", "store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .whereLayer("text").mayOnlyBeAccessedByLayers("facts", "law", "ruleapi", "engine", "report", "store", "formats", "service", "api", "cli", "web", "assembly", "tools", "app")
                .withOptionalLayers(true);
    }

    /**
     * Front ends reach the product only through {@code service}: no store, no engine, no Drools types, so a change
     * of storage or of rule execution touches no page, route or command.
     */
    static ArchRule frontEndsThroughServices() {
        return noClasses().that().resideInAnyPackage(ROOT + ".api..", ROOT + ".cli..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".store..", ROOT + ".engine..", "org.kie..", "org.drools..");
    }

    static ArchRule noCycles() {
        // every package at any depth is a slice: law.catalog ⇄ law.checks would be caught as well as api ⇄ service
        return slices().matching(ROOT + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void packagesUseOnlyLowerLayers() {
        layers().check(product);
    }

    @Test
    void frontEndsReachOnlyServices() {
        frontEndsThroughServices().check(product);
    }

    @Test
    void noPackageCycles() {
        noCycles().check(product);
    }

    /** The rules bite: a law class using a front end, and two packages using each other, both fail. */
    @Test
    void forbiddenImportAndCycleAreCaught() {
        JavaClasses breach = new ClassFileImporter().importPackages(ROOT + ".law.archviolation", ROOT + ".api");
        AssertionError up = assertThrows(AssertionError.class, () -> layers().check(breach));
        assertTrue(up.getMessage().contains("LawReachingUp"), up.getMessage());
        JavaClasses cycle = new ClassFileImporter().importPackages(ROOT + ".service.archcycle");
        AssertionError loop = assertThrows(AssertionError.class, () -> noCycles().check(cycle));
        assertTrue(loop.getMessage().contains("archcycle"), loop.getMessage());
    }
}
