package io.cascadelab;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.cascadelab.decode.DraftScorer;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.LevelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The package arrows of docs/ARCHITECTURE.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cascadelab");

    /** Benchmark and screenshot tooling that drives the window (not part of it). */
    private static final String TOOLS = "io.cascadelab.tools..";

    /** The packages of the drafter kinds (each kind its own): only the registry names them. */
    private static final String DRAFTER_KINDS = "io.cascadelab.draft.*..";

    @Test
    void theRulesSeeTheWholeApplication() {
        assertTrue(MAIN.contain(io.cascadelab.decode.Cascade.class) && MAIN.contain(io.cascadelab.ui.CascadeLabApp.class)
                && MAIN.size() > 200, "imported " + MAIN.size() + " classes");
    }

    @Test
    void nothingButTheLauncherAndTheWindowToolsDependOnTheUi() {
        noClasses().that().resideOutsideOfPackages("io.cascadelab.ui..", TOOLS)
                .and().doNotHaveFullyQualifiedName(Launcher.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.cascadelab.ui..")
                .because("the engine knows nothing of JavaFX; the UI consumes the engine's step events")
                .check(MAIN);
    }

    @Test
    void theUiAndTheEngineNeverNameADrafterKind() {
        noClasses().that().resideInAnyPackage("io.cascadelab.decode..", "io.cascadelab.trace..", "io.cascadelab.ui..",
                        "io.cascadelab.teach..", "io.cascadelab.sim..", "io.cascadelab.tune..", "io.cascadelab.cli..",
                        "io.cascadelab.race..")
                .should().dependOnClassesThat().resideInAPackage(DRAFTER_KINDS)
                .because("drafter kinds are found through DrafterKinds (META-INF/services), so a new one is its own package")
                .check(MAIN);
    }

    @Test
    void traceNeverDependsOnTraining() {
        noClasses().that().resideInAPackage("io.cascadelab.trace..")
                .should().dependOnClassesThat().resideInAPackage("io.cascadelab.train..")
                .check(MAIN);
    }

    @Test
    void theEngineDependsOnNoJavaFx() {
        noClasses().that().resideOutsideOfPackages("io.cascadelab.ui..", TOOLS)
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void noInstanceofOnDrafterOrLevelKindsInTheEngineTracesOrUi() {
        classes().that().resideInAnyPackage("io.cascadelab.decode..", "io.cascadelab.trace..", "io.cascadelab.ui..")
                .should(new ArchCondition<>("ask no drafter, level, kind or scorer which class it is") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (InstanceofCheck i : c.getCodeUnits().stream().flatMap(u -> u.getInstanceofChecks().stream()).toList()) {
                            JavaClass t = i.getRawType();
                            if (List.of(Drafter.class, LevelSpec.class, DrafterKind.class, DraftScorer.class).stream()
                                    .anyMatch(t::isAssignableTo)) {
                                events.add(SimpleConditionEvent.violated(i, i.getOwner().getFullName() + " checks instanceof "
                                        + t.getName() + " (line " + i.getLineNumber() + ")"));
                            }
                        }
                    }
                })
                .check(MAIN);
    }
}
