package org.mtalistener.conf;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The floors of {@code conf}: {@code values} (addresses, blocks, sockets) at the bottom, the parser and the option
 * registry on it side by side, the model on both, the mapping to descriptors on top.
 */
@AnalyzeClasses(packages = "org.mtalistener.conf", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule floors = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("values").definedBy("org.mtalistener.conf.values")
            .layer("parse").definedBy("org.mtalistener.conf.parse")
            .layer("options").definedBy("org.mtalistener.conf.options")
            .layer("model").definedBy("org.mtalistener.conf.model")
            .layer("map").definedBy("org.mtalistener.conf.map")
            .whereLayer("map").mayNotBeAccessedByAnyLayer()
            .whereLayer("model").mayOnlyBeAccessedByLayers("map")
            .whereLayer("options").mayOnlyBeAccessedByLayers("model", "map")
            .whereLayer("parse").mayOnlyBeAccessedByLayers("model", "map");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.mtalistener.conf.(*)..").should().beFreeOfCycles();
}
