package io.cascadelab.tools;

import io.cascadelab.ui.MainController;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.teach.DoctorDialog;
import io.cascadelab.ui.teach.SimulatorWindow;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The teaching screenshots for the README ({@code ExplorerTool screenshot-teach}): the example
 * trace replayed step by step with one step explained, the doctor's verdicts, the simulator.
 */
final class TeachScreenshots {

    private final MainController w;
    private final Stage stage;

    TeachScreenshots(MainController w, Stage stage) {
        this.w = w;
        this.stage = stage;
    }

    void shoot(Path dir) {
        Trace trace;
        try {
            Files.createDirectories(dir);
            trace = ExampleTrace.load();
        } catch (IOException e) {
            ExplorerTool.fail(e.getMessage());
            return;
        }
        int chosen = explainedStep(trace);
        w.replayPaused(trace);
        stepUntil(chosen, () -> {
            w.runs().selectStep(chosen);
            ((SplitPane) stage.getScene().lookup("#mainSplit")).setDividerPositions(0.36);
            ExplorerTool.delay(600, () -> {
                w.inspector().guide().showUpTo(w.inspector().guide().phases().size() - 1);
                ExplorerTool.delay(600, () -> {
                    save(stage.getScene(), dir.resolve("step-through.png"));
                    doctor(dir);
                });
            });
        });
    }

    /**
     * A step a few steps in (so there is output before it and a step to go back to) with a cascade
     * below the target and a partial rejection by it: the most to explain.
     */
    private static int explainedStep(Trace t) {
        for (int from : new int[] {3, 0}) {
            for (StepEvent s : t.steps()) {
                if (s.step() >= from && s.reviews().size() >= 3 && s.targetReview().accepted() > 0
                        && s.targetReview().accepted() < s.targetReview().drafted().length) {
                    return s.step();
                }
            }
        }
        return 0;
    }

    /** Presses Step until step {@code index} has arrived, then runs {@code then}. */
    private void stepUntil(int index, Runnable then) {
        ExplorerTool.delay(350, () -> {
            if (w.runs().stepCount() > index) {
                then.run();
            } else {
                w.runs().step();
                stepUntil(index, then);
            }
        });
    }

    /**
     * The doctor on the family's first drafter, then (with {@code -Dcascadelab.doctorDrafter=DIR}) on a
     * folder that does not fit, so the picture shows a problem and its advice above a healthy pair.
     */
    private void doctor(Path dir) {
        DoctorDialog d = DoctorDialog.show(stage, DoctorDialog.Pair.suggested(w.models().family()));
        String extra = System.getProperty("cascadelab.doctorDrafter");
        int[] checks = {0};
        d.reportProperty().addListener((o, a, r) -> ExplorerTool.delay(600, () -> {
            if (++checks[0] == 1 && extra != null) {
                d.setDrafter(Path.of(extra).toAbsolutePath());
                d.check();
                return;
            }
            d.stage().getScene().getRoot().requestFocus();
            save(d.stage().getScene(), dir.resolve("doctor.png"));
            d.stage().hide();
            simulator(dir);
        }));
        d.check();
    }

    /** The simulator with its default cascade (depth 3, k = 6, lenience 2). */
    private void simulator(Path dir) {
        SimulatorWindow s = SimulatorWindow.show(stage, t -> { });
        s.selectedProperty().addListener((o, a, r) -> ExplorerTool.delay(600, () -> {
            save(s.stage().getScene(), dir.resolve("simulator.png"));
            System.out.println("screenshot: wrote step-through.png, doctor.png and simulator.png in " + dir);
            Platform.exit();
        }));
    }

    private static void save(Scene scene, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
        } catch (IOException e) {
            ExplorerTool.fail("cannot write " + file + ": " + e.getMessage());
        }
    }
}
