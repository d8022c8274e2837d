package org.mtalistener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The floors of the adapter: the MDB's API at the bottom; delivery, then the vocabulary every protocol speaks
 * (mail), the sockets (net), SASL (auth) and the counters (mgmt) beside it; the three protocols on those, none
 * knowing another; the resource adapter (ra) on top, the only one that reads a whole configuration.
 */
@AnalyzeClasses(packages = "org.mtalistener",
        importOptions = {ImportOption.DoNotIncludeTests.class, LayeringTest.AdapterOnly.class})
class LayeringTest {

    private static final String[] PROTOCOLS = {"smtp", "ecstream", "control", "http"};

    @ArchTest
    static final ArchRule floors = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("org.mtalistener.api")
            .layer("log").definedBy("org.mtalistener.log")
            .layer("delivery").definedBy("org.mtalistener.delivery")
            .layer("mail").definedBy("org.mtalistener.mail")
            .layer("net").definedBy("org.mtalistener.net")
            .layer("auth").definedBy("org.mtalistener.auth")
            .layer("mgmt").definedBy("org.mtalistener.mgmt")
            .layer("smtp").definedBy("org.mtalistener.smtp")
            .layer("ecstream").definedBy("org.mtalistener.ecstream")
            .layer("control").definedBy("org.mtalistener.control")
            .layer("http").definedBy("org.mtalistener.http")
            .layer("ra").definedBy("org.mtalistener.ra")
            .whereLayer("ra").mayNotBeAccessedByAnyLayer()
            .whereLayer("smtp").mayOnlyBeAccessedByLayers("ra")
            .whereLayer("ecstream").mayOnlyBeAccessedByLayers("ra")
            .whereLayer("control").mayOnlyBeAccessedByLayers("ra")
            .whereLayer("http").mayOnlyBeAccessedByLayers("ra")
            .whereLayer("mail").mayOnlyBeAccessedByLayers(protocolsAnd("ra"))
            .whereLayer("net").mayOnlyBeAccessedByLayers(protocolsAnd("ra"))
            .whereLayer("auth").mayOnlyBeAccessedByLayers(protocolsAnd("ra"))
            // The console reads the listeners' counters; the protocols count through a Deliverer.
            .whereLayer("mgmt").mayOnlyBeAccessedByLayers("control", "ra")
            // The protocol-session skeleton (net) is what a reception core receives for (ReceivingSession).
            .whereLayer("delivery").mayOnlyBeAccessedByLayers(protocolsAnd("mail", "mgmt", "net", "ra"))
            .whereLayer("log").mayOnlyBeAccessedByLayers(protocolsAnd("delivery", "mail", "net", "auth", "mgmt", "ra"));

    @ArchTest
    static final ArchRule apiStandsAlone = noClasses().that().resideInAPackage("org.mtalistener.api")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.mtalistener.api", "java..", "jakarta..");

    @ArchTest
    static final ArchRule protocolsDoNotKnowEachOther = slices().matching("org.mtalistener.(smtp|ecstream|control|http)")
            .should().notDependOnEachOther();

    /** A protocol takes its settings from ra already resolved; reading conf files and scopes is ra's job. */
    @ArchTest
    static final ArchRule onlyRaReadsTheConfiguration = noClasses().that().resideInAnyPackage(
                    "org.mtalistener.api", "org.mtalistener.delivery", "org.mtalistener.mail", "org.mtalistener.net",
                    "org.mtalistener.auth", "org.mtalistener.mgmt", "org.mtalistener.smtp", "org.mtalistener.ecstream",
                    "org.mtalistener.control", "org.mtalistener.http")
            .should().dependOnClassesThat().resideInAnyPackage("org.mtalistener.conf.parse",
                    "org.mtalistener.conf.model", "org.mtalistener.conf.map");

    @ArchTest
    static final ArchRule noCycles = slices().matching("org.mtalistener.(*)..").should().beFreeOfCycles();

    private static String[] protocolsAnd(String... others) {
        String[] layers = java.util.Arrays.copyOf(PROTOCOLS, PROTOCOLS.length + others.length);
        System.arraycopy(others, 0, layers, PROTOCOLS.length, others.length);
        return layers;
    }

    /** The adapter and what it is built on; the shipped clients on the test class path are not part of it. */
    static final class AdapterOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("ecstream-client") && !location.contains("/console/");
        }
    }
}
