package org.vemseg.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which code may use which, checked on the compiled main classes of all modules (this module's test class path
 * holds core, nn and cli): cli and vemseg-spark use nn, nn uses core, never the other way; the
 * libraries use neither picocli nor the CLI; only nn (and spark) use DJL; only spark uses Spark; and inside
 * core and nn the packages do not form cycles. vemseg-spark is not on this class path (a dependency on it would make
 * every build of the command line download Spark): Maven's module graph already keeps it apart, since no other
 * module depends on it and only it depends on Spark; the rules below name it so that they hold if that changes.
 */
class ArchitectureTest {

    private static final String CORE = "org.vemseg.core";
    private static final String NN = "org.vemseg.nn";
    private static final String CLI = "org.vemseg.cli";
    private static final String SPARK = "org.vemseg.spark";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // core's test helpers come as a test-jar when the reactor has packaged it
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.vemseg");
    }

    @Test
    void importsTheMainClassesOfEveryModule() {
        for (String module : new String[] {CORE, NN, CLI}) {
            assertTrue(main.stream().anyMatch(c -> (c.getPackageName() + ".").startsWith(module + ".")),
                    "no classes of " + module + " imported; the rules below would pass vacuously");
        }
        assertTrue(main.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(CORE + "..")
                .layer("nn").definedBy(NN + "..")
                .layer("cli").definedBy(CLI + "..")
                .optionalLayer("spark").definedBy(SPARK + "..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("spark").mayNotBeAccessedByAnyLayer()
                .whereLayer("nn").mayOnlyBeAccessedByLayers("cli", "spark")
                .whereLayer("core").mayOnlyBeAccessedByLayers("nn", "cli", "spark")
                .check(main);
    }

    @Test
    void coreUsesNoEngineAndNoCommandLine() {
        noClasses().that().resideInAPackage(CORE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "picocli..")
                .because("core is the engine-free library; DJL stays behind vemseg-nn and picocli in the CLI")
                .check(main);
    }

    @Test
    void nnUsesNoCommandLine() {
        noClasses().that().resideInAPackage(NN + "..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .because("library messages name settings by key; only the CLI knows its flags")
                .check(main);
    }

    @Test
    void onlyNnAndSparkUseDjl() {
        noClasses().that().resideOutsideOfPackages(NN + "..", SPARK + "..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(main);
    }

    @Test
    void onlySparkModuleUsesSpark() {
        noClasses().that().resideOutsideOfPackage(SPARK + "..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .because("Spark is a provided dependency of vemseg-spark alone")
                .check(main);
    }

    @Test
    void corePackagesFormNoCycles() {
        slices().assignedFrom(packagesBelow(CORE)).should().beFreeOfCycles().check(main);
    }

    @Test
    void nnPackagesFormNoCycles() {
        slices().assignedFrom(packagesBelow(NN)).should().beFreeOfCycles()
                .check(main);
    }

    /** One slice per package directly below {@code root} (with its subpackages), and one for {@code root} itself. */
    private static SliceAssignment packagesBelow(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (!p.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = p.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the packages directly below " + root;
            }
        };
    }
}
