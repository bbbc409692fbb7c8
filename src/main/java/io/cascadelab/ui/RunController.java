package io.cascadelab.ui;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.Runner;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.Baseline;
import io.cascadelab.ui.model.BaselineKeeper;
import io.cascadelab.ui.model.FrameDrain;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.RunFeed;
import io.cascadelab.ui.model.RunSession;
import io.cascadelab.ui.model.RunStates;
import io.cascadelab.ui.model.RunStates.State;
import io.cascadelab.ui.model.StatsSnapshot;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Wires the run machinery to the window: Run, Pause/Resume, Step, Stop, Reset and the baseline run.
 * Decoding runs off the FX thread ({@link RunTasks}) and hands each step over through the
 * session's {@link RunFeed}; an {@link AnimationTimer} lets {@link FrameDrain} render a bounded
 * batch per frame. The state machine ({@link RunStates}), the frame drain, the baseline
 * ({@link BaselineKeeper}) and the replay set-up ({@link RunSession#replay}) are window-free.
 */
public final class RunController {

    private final ModelsController models;
    private final PromptController prompt;
    private final MethodController method;
    private final TokenViewController tokens;
    private final StatsController stats;
    private final InspectorController inspector;
    private final Label status;
    private final Label badge;
    private final Runnable showInspector;

    private final RunStates state = new RunStates();
    private final SimpleBooleanProperty baselineRunning = new SimpleBooleanProperty(this, "baselineRunning");
    private final FrameDrain drain = new FrameDrain();
    private final BaselineKeeper baseline = new BaselineKeeper();
    private final StepRenderer renderer;
    private final FrameDrain.Sink view = new FrameDrain.Sink() {
        @Override
        public void prompt(PromptView prompt) {
            tokens.showPrompt(prompt);
        }

        @Override
        public void steps(List<RunFeed.StepUpdate> updates, boolean fullStats) {
            render(updates, fullStats);
        }

        @Override
        public void finished(RunSession s) {
            finish(s);
        }
    };
    private final AnimationTimer drainer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            RunSession s = session;
            if (s == null) {
                drainer.stop();
            } else {
                drain.frame(s, now, view);
            }
        }
    };
    private RunSession session;

    RunController(ModelsController models, PromptController prompt, MethodController method, TokenViewController tokens,
                  StatsController stats, InspectorController inspector, Label status, Label badge, Runnable showInspector) {
        this.models = models;
        this.prompt = prompt;
        this.method = method;
        this.tokens = tokens;
        this.stats = stats;
        this.inspector = inspector;
        this.status = status;
        this.badge = badge;
        this.showInspector = showInspector;
        this.renderer = new StepRenderer(tokens, stats);
        tokens.setOnStepSelected(this::selectStep);
        inspector.setNavigator(this::selectStep);
    }

    /** Enables each button only when its action makes sense, and names Pause "Resume" while paused. */
    void bindButtons(Button run, Button pause, Button step, Button stop, Button baselineButton) {
        var st = state.property();
        BooleanBinding active = st.isEqualTo(State.RUNNING).or(st.isEqualTo(State.PAUSED)).or(st.isEqualTo(State.STOPPING));
        BooleanBinding noModel = models.familyProperty().isNull().or(models.loadingProperty());
        run.disableProperty().bind(active.or(noModel).or(baselineRunning));
        pause.disableProperty().bind(st.isNotEqualTo(State.RUNNING).and(st.isNotEqualTo(State.PAUSED)));
        pause.textProperty().bind(Bindings.when(st.isEqualTo(State.PAUSED)).then("Resume").otherwise("Pause"));
        // a replay steps with no model loaded
        step.disableProperty().bind(st.isEqualTo(State.STOPPING).or(noModel.and(active.not())).or(baselineRunning));
        stop.disableProperty().bind(pause.disableProperty());
        baselineButton.disableProperty().bind(active.or(noModel).or(baselineRunning));
    }

    /** True while a run is going, paused or stopping (nothing else should take the CPU then). */
    public boolean isActive() {
        return state.isActive();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.property();
    }

    public ReadOnlyBooleanProperty baselineRunningProperty() {
        return baselineRunning;
    }

    /** Starts a run of the chosen method. */
    public void run() {
        if (!state.isActive()) {
            start(false);
        }
    }

    /** One target review: starts a paused run, or lets a paused run take one more step. */
    public void step() {
        if (!state.step()) {
            start(true);
        }
    }

    /** Pauses after the current step, or resumes. */
    public void pauseOrResume() {
        state.pauseOrResume();
        showProgress();
    }

    /** Cancels the run; what it emitted stays on screen. */
    public void stop() {
        if (state.stop()) {
            status.setText("Stopping…");
        }
    }

    /** Stops any run and clears output, statistics, inspector and baseline. */
    public void reset() {
        stop();
        if (session != null && state.get() == State.STOPPING) {
            method.endRun();
            models.lockedProperty().set(false);
        }
        drainer.stop();
        session = null;
        baseline.clear();
        drain.begin(System.nanoTime());
        tokens.clear();
        stats.clear();
        inspector.clear();
        hideBadge();
        status.setText("Idle");
        state.reset();
    }

    private void start(boolean paused) {
        LoadedFamily family = models.family();
        if (family == null) {
            Dialogs.error(status, "No model loaded", "Open a model folder first (or wait for the embedded family to load).");
            return;
        }
        PromptController.PromptSettings settings;
        MethodSpec spec;
        try {
            settings = prompt.settings();
            spec = method.spec();
            spec.levels(family.family()); // refuses a drafter, depth or speculator the family lacks
        } catch (IllegalArgumentException e) {
            Dialogs.error(status, "Cannot run", e.getMessage());
            return;
        }
        RunSession s = begin(RunSession.live(family, spec.label(), settings.text(), settings.sampling(),
                settings.maxNewTokens(), paused, baseline.get()), paused);
        Supplier<LiveSettings> live = method.beginRun(spec);
        models.lockedProperty().set(true);
        status.setText("Starting " + spec.label() + "…");
        launch(s, RunTasks.decode(new RunTasks.Decode(family, settings, spec, live, s.gate(), s.feed(), s.decoder(),
                s::promptReady)), "decoder");
    }

    /** Shows a stored trace exactly as a live run would. */
    public void replay(Trace trace) {
        replay(trace, false);
    }

    /**
     * Shows a stored trace exactly as a live run would, with the token texts it stores (or the loaded
     * target's tokenizer for an older trace); {@code paused} starts it paused, for Step.
     */
    public void replay(Trace trace, boolean paused) {
        if (state.isActive()) {
            return;
        }
        RunSession s = begin(RunSession.replay(trace, models.family(), paused, baseline.get()), paused);
        status.setText("Replaying…");
        launch(s, RunTasks.replay(trace, s.decoder(), s.feed(), s.gate(), s::promptReady), "replay");
    }

    private RunSession begin(RunSession s, boolean paused) {
        session = s;
        drain.begin(System.nanoTime()); // the first figures come after the prompt and first steps are laid out
        inspector.clear();
        stats.clear();
        hideBadge();
        state.started(s.gate(), paused);
        return s;
    }

    private void launch(RunSession s, Task<Runner.Output> task, String name) {
        task.setOnSucceeded(e -> s.done(task.getValue()));
        task.setOnFailed(e -> {
            s.done(null);
            if (session == s) {
                Dialogs.error(status, "The run failed", task.getException());
            }
        });
        Background.start(name, task);
        drainer.start();
    }

    /** A frame's batch of steps into the token view, the legend and (now and then) the statistics. */
    private void render(List<RunFeed.StepUpdate> updates, boolean fullStats) {
        renderer.render(session, updates, fullStats);
        showProgress();
        if (state.get() == State.PAUSED) { // Step mode: the step just taken is explained in the inspector
            selectStep(drain.steps().size() - 1);
        }
    }

    /** "Running …" or "Paused …" with the step and token counts. */
    private void showProgress() {
        RunSession s = session;
        if (s != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            status.setText(String.format(Locale.ROOT, "%s %s — step %d, %d tokens",
                    state.get() == State.PAUSED ? "Paused" : "Running", s.label(), drain.steps().size(), drain.emitted()));
        }
    }

    private void finish(RunSession s) {
        drainer.stop();
        method.endRun(); // harmless after a replay
        models.lockedProperty().set(false);
        if (s.output() != null) {
            GenerationResult r = s.output().result();
            s.statistics().finish(r);
            StatsSnapshot snap = s.statistics().snapshot();
            stats.show(snap, true);
            showLossless(snap);
            status.setText(String.format(Locale.ROOT, "Done: %s, %d tokens in %d steps (%s)", s.label(),
                    r.tokens().length, r.steps().size(), r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        } else {
            status.setText("Run failed");
        }
        state.finished();
    }

    /** Runs plain decoding of the target with the same prompt and settings, for speedup and losslessness. */
    public void runBaseline() {
        LoadedFamily family = models.family();
        if (family == null || state.isActive()) {
            return;
        }
        PromptController.PromptSettings settings;
        try {
            settings = prompt.settings();
        } catch (IllegalArgumentException e) {
            Dialogs.error(status, "Cannot run the baseline", e.getMessage());
            return;
        }
        Baseline.RunKey key = new Baseline.RunKey(family.targetName(), settings.text(), settings.sampling(), settings.maxNewTokens());
        Task<GenerationResult> task = RunTasks.baseline(family, settings);
        baselineRunning.set(true);
        models.lockedProperty().set(true);
        status.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            baselineDone();
            GenerationResult r = task.getValue();
            status.setText(String.format(Locale.ROOT, "Baseline: %d tokens, %.1f tokens/s", r.tokens().length,
                    r.tokens().length / Math.max(1e-9, r.decodeNanos() / 1e9)));
            RunSession s = session;
            if (baseline.finished(key, r, s) && state.get() == State.FINISHED && s.output() != null) {
                StatsSnapshot snap = s.statistics().snapshot();
                stats.show(snap, true);
                showLossless(snap);
            }
        });
        task.setOnFailed(e -> {
            baselineDone();
            status.setText("Baseline failed");
            Dialogs.error(status, "The baseline run failed", task.getException());
        });
        Background.start("baseline", task);
    }

    private void baselineDone() {
        status.textProperty().unbind();
        baselineRunning.set(false);
        models.lockedProperty().set(state.isActive());
    }

    private void showLossless(StatsSnapshot snap) {
        StatsSnapshot.Lossless l = snap.lossless();
        if (l == null) {
            hideBadge();
            return;
        }
        badge.setText(l.text());
        badge.getStyleClass().removeAll("badge-ok", "badge-diff");
        badge.getStyleClass().add(l.identical() ? "badge-ok" : "badge-diff");
        badge.setVisible(true);
        badge.setManaged(true);
        tokens.markDifference(l.firstDifference());
    }

    private void hideBadge() {
        badge.setVisible(false);
        badge.setManaged(false);
        tokens.markDifference(-1);
    }

    /** Shows step {@code i} in the inspector. */
    public void selectStep(int i) {
        RunSession s = session;
        List<StepEvent> steps = drain.steps();
        if (s == null || i < 0 || i >= steps.size()) {
            return;
        }
        inspector.show(steps.get(i), steps.size(), s.decoder());
        tokens.select(i);
        showInspector.run();
    }

    /** The finished run's trace, or null. */
    public Trace trace() {
        RunSession s = session;
        return s == null || s.output() == null ? null : s.output().trace();
    }

    /** The current run's statistics, or null before a run. */
    public StatsSnapshot statistics() {
        RunSession s = session;
        return s == null || drain.steps().isEmpty() ? null : s.statistics().snapshot();
    }

    /** The current run's method label, or "". */
    public String methodLabel() {
        RunSession s = session;
        return s == null ? "" : s.label();
    }

    /** The steps rendered so far. */
    public List<StepEvent> steps() {
        return List.copyOf(drain.steps());
    }

    /** Steps rendered so far. */
    public int stepCount() {
        return drain.steps().size();
    }
}
