package io.cascadelab.tools;

import io.cascadelab.ui.model.RunStates;
import io.cascadelab.ui.CascadeLabApp;
import io.cascadelab.ui.MainController;
import io.cascadelab.ui.RunController;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.trace.StepEvent;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Drives the real explorer window for measurements and documentation (not a unit test):
 * <ul>
 *   <li>{@code bench-fx [tokens]}: runs the default method on the embedded family for {@code tokens}
 *       new tokens (default 500) and prints the longest FX-thread pause, measured as the longest
 *       gap between two animation pulses while the run is going;</li>
 *   <li>{@code screenshot [dir]}: runs a prompt, pauses mid-run and saves {@code main-window.png} and
 *       {@code statistics.png}, then {@code step-inspector.png} with the richest step opened in the inspector;</li>
 *   <li>{@code screenshot-teach [dir]}: {@code step-through.png} (the example trace replayed step by step,
 *       a step explained in the inspector), {@code doctor.png} (the doctor on the family's first drafter) and {@code simulator.png};</li>
 *   <li>{@code race [dir]}: races AR, SD with the first draft model, CSD (the Method panel's settings) and
 *       the MLP speculator on the prompt (128 tokens) and saves {@code race.png} mid-replay;</li>
 *   <li>{@code bench-fx-race [tokens]}: the same race, then the longest FX-thread pause while its four
 *       lanes replay at ×1;</li>
 *   <li>{@code heat-map [dir]}: opens the tuning lab, shows a sweep ({@code --sweep FILE}, a CSV/JSON
 *       written by {@code cascadelab sweep}; without it a 3×3 k × lenience sweep of the prompt runs in
 *       the window) and saves {@code heat-map.png}.</li>
 * </ul>
 * {@code --family DIR} uses another family or model folder instead of the embedded one, {@code --prompt TEXT}
 * another prompt than the first sample. For bench-fx, {@code -Dcascadelab.frameLog=true} prints each gap over
 * 40 ms split into animation handlers, CSS and layout, and the rest (bounds, waiting for the renderer, sync);
 * with {@code -Dcascadelab.profileFx=true} the window adds what each frame's drain and charts cost;
 * {@code -Dcascadelab.settle=MS} starts the run MS after the family is loaded instead of in the same frame;
 * {@code -Dcascadelab.benchRuns=N} measures N runs one after the other (the first after start-up and warm ones).
 * Like the app, the tool runs in a JVM with the quick compiler only ({@link io.cascadelab.ui.WindowJvm}).
 * Run it with {@code xvfb-run -a -s "-screen 0 1366x768x24" java -cp target/cascadelab.jar:target/lib/*
 * io.cascadelab.tools.ExplorerTool bench-fx}.
 */
public final class ExplorerTool {

    private ExplorerTool() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !List.of("bench-fx", "screenshot", "screenshot-teach", "heat-map", "race", "bench-fx-race")
                .contains(args[0])) {
            System.err.println("usage: ExplorerTool bench-fx [tokens] | screenshot [dir] | screenshot-teach [dir]"
                    + " | heat-map [dir] [--sweep FILE] | race [dir] | bench-fx-race [tokens]  [--family DIR] [--prompt TEXT]");
            System.exit(2);
        }
        // the window's JVM, as the app runs it (see WindowJvm): the figures are the app's
        OptionalInt windowJvm = io.cascadelab.ui.WindowJvm.relaunch(ExplorerTool.class, args);
        if (windowJvm.isPresent()) {
            System.exit(windowJvm.getAsInt());
        }
        DjlEnvironment.init();
        Application.launch(ToolApp.class, args);
    }

    /** The JavaFX application the tool launches: the normal main window plus a driver. */
    public static final class ToolApp extends Application {

        @Override
        public void start(Stage stage) throws IOException {
            List<String> args = new ArrayList<>(getParameters().getRaw());
            String folder = option(args, "--family");
            Path family = folder == null ? null : Path.of(folder).toAbsolutePath();
            String prompt = option(args, "--prompt");
            String sweep = option(args, "--sweep");
            MainController w = CascadeLabApp.showMainWindow(stage);
            Driver d = new Driver(w, stage, args, prompt, sweep);
            if (family != null) {
                // the window starts by loading the embedded family and refuses a second load meanwhile:
                // open the asked-for folder when that load is over
                w.models().setFolderPicker(title -> family);
                if (w.models().loadingProperty().get()) {
                    w.models().loadingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                        @Override
                        public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                            if (!now) {
                                w.models().loadingProperty().removeListener(this);
                                Platform.runLater(w.models()::openFolder);
                            }
                        }
                    });
                } else {
                    w.models().openFolder();
                }
            }
            long shown = System.nanoTime();
            w.models().familyProperty().addListener((o, a, b) -> {
                if (Boolean.getBoolean("cascadelab.profileFx")) {
                    System.err.printf(Locale.ROOT, "family shown %.0f ms after the window%n", (System.nanoTime() - shown) / 1e6);
                }
                if (b != null && (family == null || b.source().toAbsolutePath().normalize().equals(family.normalize()))) {
                    Platform.runLater(d::begin);
                }
            });
            if (w.models().family() == null && family == null && !w.models().loadingProperty().get()) {
                fail("the embedded family is not there; pass --family DIR");
            }
        }
    }

    /** Removes {@code name VALUE} from {@code args} and returns VALUE, or null. */
    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return null;
        }
        String v = args.remove(i + 1);
        args.remove(i);
        return v;
    }

    /** Runs the requested mode once a family is loaded. */
    private static final class Driver {
        private final MainController w;
        private final Stage stage;
        private final List<String> args;
        private final String prompt;
        private final String sweep;
        private boolean begun;

        Driver(MainController w, Stage stage, List<String> args, String prompt, String sweep) {
            this.w = w;
            this.stage = stage;
            this.args = args;
            this.prompt = prompt;
            this.sweep = sweep;
        }

        void begin() {
            if (begun) {
                return;
            }
            begun = true;
            w.prompt().setGreedy(true);
            if (prompt != null) {
                w.prompt().setPrompt(prompt);
            } else if (!w.prompt().samples().isEmpty()) {
                w.prompt().setPrompt(w.prompt().samples().get(0).text());
            }
            if (args.get(0).equals("screenshot-teach")) {
                new TeachScreenshots(w, stage).shoot(Path.of(args.size() > 1 ? args.get(1) : "docs/screenshots"));
            } else if (args.get(0).equals("bench-fx")) {
                int tokens = args.size() > 1 ? Integer.parseInt(args.get(1)) : 500;
                // -Dcascadelab.settle=MS: start the run MS after the family is shown, as a user's click would,
                // instead of in the frame that lays out the freshly loaded family
                long settle = Long.getLong("cascadelab.settle", 0);
                if (settle > 0) {
                    delay(settle, () -> bench(tokens));
                } else {
                    bench(tokens);
                }
            } else if (args.get(0).equals("race") || args.get(0).equals("bench-fx-race")) {
                race(args.get(0).equals("race"), args.size() > 1 && !args.get(0).equals("race") ? Integer.parseInt(args.get(1))
                        : 128, Path.of(args.size() > 1 && args.get(0).equals("race") ? args.get(1) : "docs/screenshots"));
            } else if (args.get(0).equals("heat-map")) {
                heatMap(Path.of(args.size() > 1 ? args.get(1) : "docs/screenshots"));
            } else {
                screenshots(Path.of(args.size() > 1 ? args.get(1) : "docs/screenshots"));
            }
        }

        private void bench(int tokens) {
            w.prompt().setMaxNewTokens(tokens);
            benchRun(Integer.getInteger("cascadelab.benchRuns", 1));
        }

        /** One measured run; {@code -Dcascadelab.benchRuns=N} measures N runs one after the other. */
        private void benchRun(int left) {
            PulseMeter meter = new PulseMeter();
            w.runs().stateProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends RunStates.State> o, RunStates.State a,
                        RunStates.State s) {
                    if (s == RunStates.State.FINISHED) {
                        w.runs().stateProperty().removeListener(this);
                        meter.stop();
                        var stats = w.runs().statistics();
                        System.out.printf(Locale.ROOT, "bench-fx: %s, %d tokens in %d steps, %.1f tokens/s%n", w.runs().methodLabel(),
                                stats.metrics().emitted(), stats.metrics().steps(), stats.metrics().tokensPerSecond());
                        System.out.printf(Locale.ROOT, "bench-fx: %d frames; longest FX-thread pause %.1f ms (gap between pulses, "
                                + "%.0f ms into the run), 99th percentile %.1f ms, median %.1f ms, %d gaps over 50 ms%n", meter.frames(),
                                meter.longestMs(), meter.longestAtMs(), meter.percentileMs(0.99), meter.percentileMs(0.5), meter.over(50));
                        if (left > 1) {
                            delay(Long.getLong("cascadelab.settle", 1000), () -> benchRun(left - 1));
                        } else {
                            Platform.exit();
                        }
                    }
                }
            });
            meter.watch(stage.getScene());
            meter.start();
            w.runs().run();
        }

        private void screenshots(Path dir) {
            int tokens = 240;
            w.prompt().setMaxNewTokens(tokens);
            boolean[] paused = {false};
            AnimationTimer watcher = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    int emitted = w.runs().steps().stream().mapToInt(s -> s.emitted().size()).sum();
                    if (!paused[0] && emitted >= tokens * 6 / 10) {
                        paused[0] = true;
                        w.runs().pauseOrResume();
                        stop();
                        // let the view drain and lay out before taking the picture
                        delay(1500, () -> shoot(dir));
                    }
                }
            };
            watcher.start();
            w.runs().stateProperty().addListener((o, a, st) -> {
                if (st == RunStates.State.FINISHED && !paused[0]) { // a short run (small context): shoot at its end
                    paused[0] = true;
                    watcher.stop();
                    delay(1000, () -> shoot(dir));
                }
            });
            w.runs().run();
        }

        /** Races four lanes; then either a picture mid-replay or the FX pauses of the whole replay. */
        private void race(boolean picture, int tokens, Path dir) {
            w.prompt().setMaxNewTokens(tokens);
            io.cascadelab.ui.race.RaceController race = io.cascadelab.ui.race.RaceWindow.show(w);
            if (race == null) {
                fail("the race window could not open");
                return;
            }
            var family = w.models().family().family();
            List<String> lanes = new ArrayList<>(List.of("AR", "CSD A"));
            if (!family.drafts().isEmpty()) {
                lanes.add("SD " + family.drafts().get(0).name());
            }
            if (family.speculator() != null) {
                lanes.add("MLP speculator");
            }
            race.choose(lanes);
            PulseMeter meter = new PulseMeter();
            race.raceProperty().addListener((o, a, r) -> {
                if (r == null) {
                    return;
                }
                if (picture) {
                    delay(Math.max(300, r.end() / 1_000_000 * 6 / 10), () -> {
                        race.replay().pause();
                        delay(600, () -> {
                            try {
                                Files.createDirectories(dir);
                                Path file = dir.resolve("race.png");
                                ImageIO.write(SwingFXUtils.fromFXImage(race.stage().getScene().snapshot(null), null),
                                        "png", file.toFile());
                                System.out.println("race: wrote " + file);
                                race.laneFigures().forEach(f -> System.out.println("race: " + f));
                            } catch (IOException e) {
                                fail(e.getMessage());
                            }
                            Platform.exit();
                        });
                    });
                    return;
                }
                meter.watch(race.stage().getScene());
                meter.start();
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        if (!race.replay().playing()) {
                            stop();
                            meter.stop();
                            System.out.printf(Locale.ROOT, "bench-fx-race: %d lanes replayed over %.2f s at ×1; %d frames;"
                                    + " longest FX-thread pause %.1f ms, 99th percentile %.1f ms, median %.1f ms, %d gaps"
                                    + " over 50 ms%n", r.lanes().size(), r.end() / 1e9, meter.frames(), meter.longestMs(),
                                    meter.percentileMs(0.99), meter.percentileMs(0.5), meter.over(50));
                            Platform.exit();
                        }
                    }
                }.start();
            });
            race.run();
        }

        private void heatMap(Path dir) {
            io.cascadelab.ui.lab.LabController lab = io.cascadelab.ui.lab.LabWindow.show(w);
            if (lab == null) {
                fail("the tuning lab could not open");
                return;
            }
            Runnable shoot = () -> delay(1500, () -> {
                try {
                    Files.createDirectories(dir);
                    Path file = dir.resolve("heat-map.png");
                    ImageIO.write(SwingFXUtils.fromFXImage(lab.stage().getScene().snapshot(null), null),
                            "png", file.toFile());
                    System.out.println("heat-map: wrote " + file + " (" + lab.resultProperty().get().cells().size() + " cells)");
                } catch (IOException e) {
                    fail(e.getMessage());
                }
                Platform.exit();
            });
            // an opened file arrives as a new result; a sweep run in the window ends when running turns false
            // (its final result can equal the last partial one, which fires no change)
            lab.resultProperty().addListener((o, a, r) -> {
                if (r != null && sweep != null) {
                    shoot.run();
                }
            });
            lab.runningProperty().addListener((o, a, running) -> {
                if (!running && sweep == null) {
                    if (lab.resultProperty().get() == null) {
                        fail("the sweep measured nothing (see the lab's error dialog)");
                    }
                    shoot.run();
                }
            });
            if (sweep != null) {
                lab.open(Path.of(sweep));
            } else {
                w.prompt().setMaxNewTokens(64);
                lab.setGrid("k=2,4,6", "lenience=1,2,3");
                lab.run();
            }
        }

        private void shoot(Path dir) {
            try {
                Files.createDirectories(dir);
                save(dir.resolve("main-window.png"));
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#sideTabs");
                tabs.getSelectionModel().select(0);
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                save(dir.resolve("statistics.png"));
                StepEvent richest = w.runs().steps().stream()
                        .max(Comparator.<StepEvent>comparingInt(s -> s.reviews().size() * 4 + s.ghosts().size() + s.emitted().size()))
                        .orElse(null);
                if (richest == null) {
                    fail("the run produced no steps (see the window's error message)");
                    return;
                }
                w.runs().selectStep(richest.step());
                SplitPane split = (SplitPane) stage.getScene().lookup("#mainSplit");
                split.setDividerPositions(0.38);
                delay(800, () -> {
                    try {
                        save(dir.resolve("step-inspector.png"));
                        System.out.println("screenshot: wrote " + dir.resolve("main-window.png") + " and "
                                + dir.resolve("step-inspector.png") + " (step " + richest.step() + ")");
                    } catch (IOException e) {
                        fail(e.getMessage());
                    }
                    w.runs().stop();
                    Platform.exit();
                });
            } catch (IOException e) {
                fail(e.getMessage());
            }
        }

        private void save(Path file) throws IOException {
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", file.toFile());
        }
    }

    /** Gaps between animation pulses: a long gap is a pause of the FX thread. */
    private static final class PulseMeter extends AnimationTimer {
        /** -Dcascadelab.frameLog=true: each long gap with the FX thread's CSS and layout time in it. */
        private static final boolean LOG = Boolean.getBoolean("cascadelab.frameLog");
        private final List<Long> gaps = new ArrayList<>();
        private long first;
        private long last;
        private long longestAt;
        private long longest;
        private long handled;
        private long preLayout;
        private long postLayout;

        /** Times CSS and layout of {@code scene}'s pulses (for the frame log). */
        void watch(javafx.scene.Scene scene) {
            if (LOG) {
                scene.addPreLayoutPulseListener(() -> preLayout = System.nanoTime());
                scene.addPostLayoutPulseListener(() -> postLayout = System.nanoTime());
            }
        }

        @Override
        public void handle(long now) {
            if (LOG) {
                long t = System.nanoTime();
                if (handled != 0 && t - handled > 40_000_000L) {
                    System.err.printf(Locale.ROOT, "frame at %.0f ms: %.1f ms = animation %.1f + css/layout %.1f"
                            + " + rest (bounds, wait for render, sync, next pulse) %.1f%n", (handled - first) / 1e6,
                            (t - handled) / 1e6, (preLayout - handled) / 1e6, (postLayout - preLayout) / 1e6,
                            (t - postLayout) / 1e6);
                }
                handled = t;
            }
            if (last != 0) {
                long gap = now - last;
                if (gap > longest) {
                    longest = gap;
                    longestAt = last - first;
                }
                gaps.add(gap);
            } else {
                first = now;
            }
            last = now;
        }

        /** When the longest pause began, in ms after the first pulse. */
        double longestAtMs() {
            return longestAt / 1e6;
        }

        /** Gaps longer than {@code ms}. */
        long over(double ms) {
            return gaps.stream().filter(g -> g > ms * 1e6).count();
        }

        int frames() {
            return gaps.size();
        }

        double longestMs() {
            return longest / 1e6;
        }

        double percentileMs(double p) {
            if (gaps.isEmpty()) {
                return 0;
            }
            List<Long> sorted = gaps.stream().sorted().toList();
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
        }
    }

    static void delay(long millis, Runnable then) {
        new AnimationTimer() {
            private long start;

            @Override
            public void handle(long now) {
                if (start == 0) {
                    start = now;
                } else if (now - start >= millis * 1_000_000L) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    static void fail(String message) {
        System.err.println("ExplorerTool: " + message);
        Platform.exit();
        System.exit(1);
    }
}
