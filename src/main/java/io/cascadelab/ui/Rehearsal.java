package io.cascadelab.ui;

import io.cascadelab.decode.Runner;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.FrameDrain;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.RunFeed;
import io.cascadelab.ui.model.RunSession;
import io.cascadelab.ui.model.RunStates;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.concurrent.Task;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Warms the window's drawing code while it waits for its first run: replays the bundled example
 * trace a few times into a token view and a statistics panel that are never shown, laying them out
 * every frame and painting them now and then. Otherwise the first run is drawn by code the JIT has
 * not compiled yet, and on a two-core machine the FX thread paused for 50-75 ms in it. It stops as
 * soon as a run starts; {@code -Dcascadelab.rehearse=false} leaves it out.
 */
final class Rehearsal {

    /** Replays of the example trace (19 steps each): enough calls for the JIT to compile what a run draws with. */
    static final int ROUNDS = 20;
    /** Off-screen frames between two paintings (a painting is the costly part). */
    private static final int PAINT_EVERY = 10;
    private static final boolean PROFILE = Boolean.getBoolean("cascadelab.profileFx");

    private final Scene scene;
    private final TokenViewController tokens;
    private final StatsController stats;
    private final StepRenderer renderer;
    private final FrameDrain drain = new FrameDrain();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final FrameDrain.Sink sink = new FrameDrain.Sink() {
        @Override
        public void prompt(PromptView prompt) {
            tokens.showPrompt(prompt);
        }

        @Override
        public void steps(List<RunFeed.StepUpdate> updates, boolean fullStats) {
            renderer.render(session, updates, fullStats);
        }

        @Override
        public void finished(RunSession s) {
            s.statistics().finish(s.output().result());
            stats.show(s.statistics().snapshot(), true);
            completed++;
            nextRound();
        }
    };
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };
    private Trace trace;
    private RunSession session;
    private int completed;
    private int frame;
    private int rounds;

    private Rehearsal(List<String> stylesheets) throws IOException {
        FXMLLoader tokenLoader = new FXMLLoader(resource("/fxml/tokens.fxml"));
        Parent tokenPane = tokenLoader.load();
        FXMLLoader statsLoader = new FXMLLoader(resource("/fxml/stats.fxml"));
        Parent statsPane = statsLoader.load();
        tokens = tokenLoader.getController();
        stats = statsLoader.getController();
        renderer = new StepRenderer(tokens, stats);
        HBox.setHgrow(tokenPane, Priority.ALWAYS);
        HBox root = new HBox(tokenPane, statsPane);
        scene = new Scene(root, 1280, 720); // about the main window's panes on a laptop screen
        scene.getStylesheets().setAll(stylesheets);
    }

    /**
     * Starts a rehearsal of {@code rounds} replays beside a window styled by {@code stylesheets}, or
     * returns null when it is switched off or cannot load (the window only loses the warm-up).
     */
    static Rehearsal start(List<String> stylesheets, int rounds) {
        if (!Boolean.parseBoolean(System.getProperty("cascadelab.rehearse", "true"))) {
            return null;
        }
        Rehearsal r;
        try {
            r = new Rehearsal(stylesheets);
        } catch (IOException | RuntimeException e) {
            System.err.println("CascadeLab: no warm-up of the window (" + e.getMessage() + ")");
            return null;
        }
        r.rounds = rounds;
        r.running.set(true);
        Task<Trace> load = new Task<>() {
            @Override
            protected Trace call() throws IOException {
                return ExampleTrace.load();
            }
        };
        long t0 = System.nanoTime();
        load.setOnSucceeded(e -> {
            if (PROFILE) {
                System.err.printf(java.util.Locale.ROOT, "rehearsal: example trace read in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            }
            r.trace = load.getValue();
            if (r.running.get()) {
                r.nextRound();
                r.frames.start();
            }
        });
        load.setOnFailed(e -> r.stop());
        Background.start("rehearsal", load);
        return r;
    }

    /**
     * Starts a rehearsal of {@code rounds} replays styled like {@code window}, which its first run,
     * replay or step stops: the real thing takes over. Returns it, or null as {@link #start} does.
     */
    static Rehearsal startBeside(MainController window, int rounds) {
        Rehearsal r = start(window.root().getScene().getStylesheets(), rounds);
        if (r != null) {
            ChangeListener<RunStates.State> stopper = (o, was, now) -> r.stop();
            window.runs().stateProperty().addListener(stopper);
            // once over, the window no longer holds the off-screen panes
            r.running.addListener((o, was, now) -> window.runs().stateProperty().removeListener(stopper));
        }
        return r;
    }

    /** True until every round is drawn or {@link #stop()} is called. */
    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Rounds finished so far. */
    int roundsDone() {
        return completed;
    }

    /** Stops at once (a run is starting) and lets the off-screen panes go. */
    void stop() {
        if (!running.get()) {
            return;
        }
        running.set(false);
        frames.stop();
        if (PROFILE) {
            System.err.printf(java.util.Locale.ROOT, "rehearsal: %d of %d rounds, %d frames%n", completed, rounds, frame);
        }
        if (session != null) {
            session.gate().cancel();
            session = null;
        }
        tokens.clear();
        stats.clear();
    }

    private void nextRound() {
        if (!running.get()) {
            return;
        }
        if (completed == rounds) {
            stop();
            return;
        }
        tokens.clear();
        stats.clear();
        drain.begin(System.nanoTime());
        RunSession s = RunSession.replay(trace, null, false, null);
        session = s;
        Task<Runner.Output> task = RunTasks.replay(trace, s.decoder(), s.feed(), s.gate(), s::promptReady);
        task.setOnSucceeded(e -> s.done(task.getValue()));
        task.setOnFailed(e -> stop());
        Background.start("rehearsal", task);
    }

    private void frame(long now) {
        RunSession s = session;
        if (s == null) {
            return;
        }
        drain.frame(s, now, sink);
        if (!running.get()) {
            return;
        }
        // what a shown window does every pulse: CSS and layout; and now and then a painting
        if (++frame % PAINT_EVERY == 0) {
            scene.snapshot(null);
        } else {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }

    private static java.net.URL resource(String name) {
        return Objects.requireNonNull(Rehearsal.class.getResource(name), name + " missing from the classpath");
    }
}
