package io.cascadelab.ui;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.Baseline;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.ui.model.RunFeed;
import io.cascadelab.ui.model.RunStatistics;
import io.cascadelab.ui.model.StatsSnapshot;
import io.cascadelab.ui.model.StepGate;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.model.TokenItem;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs decoding off the FX thread and feeds the views: Run, Pause/Resume, Step, Stop, Reset and the
 * baseline run. The decoding thread turns each step into view items and queues it; an
 * {@link AnimationTimer} drains a bounded batch per frame into the token view and refreshes the
 * statistics a few times a second.
 */
public final class RunController {

    /** Where a run is. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPING, FINISHED }

    /** Steps rendered per frame at least, and at most when a backlog has built up. */
    private static final int MIN_BATCH = 4;
    private static final int MAX_BATCH = 12;
    private static final long STATS_INTERVAL_NANOS = 250_000_000L;
    private static final boolean PROFILE = Boolean.getBoolean("cascadelab.profileFx");

    private final ModelsController models;
    private final PromptController prompt;
    private final MethodController method;
    private final TokenViewController tokens;
    private final StatsController stats;
    private final InspectorController inspector;
    private final Label status;
    private final Label badge;
    private final Runnable showInspector;

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final SimpleBooleanProperty baselineRunning = new SimpleBooleanProperty(this, "baselineRunning");
    private final List<StepEvent> steps = new ArrayList<>();
    private final AnimationTimer drainer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain(now);
        }
    };
    private Session session;
    private Baseline baseline;
    private long lastStats;
    /** Tokens emitted by the steps rendered so far. */
    private int emitted;

    /** One run: its hand-over queue, gate, statistics and result. */
    private static final class Session {
        final RunFeed feed = new RunFeed();
        final StepGate gate;
        final String label;
        final Baseline.RunKey key;
        final RunStatistics statistics;
        final TokenDecoder decoder;
        volatile List<TokenItem> promptItems;
        volatile boolean done;
        boolean promptShown;
        Runner.Output output;

        Session(boolean paused, String label, Baseline.RunKey key, RunStatistics statistics, TokenDecoder decoder) {
            this.gate = new StepGate(paused);
            this.label = label;
            this.key = key;
            this.statistics = statistics;
            this.decoder = decoder;
        }
    }

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
        tokens.setOnStepSelected(this::selectStep);
        inspector.setNavigator(this::selectStep);
    }

    /** Enables each button only when its action makes sense, and names Pause "Resume" while paused. */
    void bindButtons(Button run, Button pause, Button step, Button stop, Button baselineButton) {
        BooleanBinding active = state.isEqualTo(State.RUNNING).or(state.isEqualTo(State.PAUSED)).or(state.isEqualTo(State.STOPPING));
        BooleanBinding noModel = models.familyProperty().isNull().or(models.loadingProperty());
        run.disableProperty().bind(active.or(noModel).or(baselineRunning));
        pause.disableProperty().bind(state.isNotEqualTo(State.RUNNING).and(state.isNotEqualTo(State.PAUSED)));
        pause.textProperty().bind(Bindings.when(state.isEqualTo(State.PAUSED)).then("Resume").otherwise("Pause"));
        // a replay steps with no model loaded
        step.disableProperty().bind(state.isEqualTo(State.STOPPING).or(noModel.and(active.not())).or(baselineRunning));
        stop.disableProperty().bind(pause.disableProperty());
        baselineButton.disableProperty().bind(active.or(noModel).or(baselineRunning));
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyBooleanProperty baselineRunningProperty() {
        return baselineRunning;
    }

    /** Starts a run of the chosen method. */
    public void run() {
        if (!isActive()) {
            start(false);
        }
    }

    /** One target review: starts a paused run, or lets a paused run take one more step. */
    public void step() {
        if (isActive()) {
            session.gate.step();
            state.set(State.PAUSED);
        } else {
            start(true);
        }
    }

    /** Pauses after the current step, or resumes. */
    public void pauseOrResume() {
        if (state.get() == State.RUNNING) {
            session.gate.pause();
            state.set(State.PAUSED);
        } else if (state.get() == State.PAUSED) {
            session.gate.resume();
            state.set(State.RUNNING);
        }
        showProgress();
    }

    /** Cancels the run; what it emitted stays on screen. */
    public void stop() {
        if (isActive()) {
            session.gate.cancel();
            state.set(State.STOPPING);
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
        baseline = null;
        steps.clear();
        emitted = 0;
        tokens.clear();
        stats.clear();
        inspector.clear();
        hideBadge();
        status.setText("Idle");
        state.set(State.IDLE);
    }

    private boolean isActive() {
        State s = state.get();
        return s == State.RUNNING || s == State.PAUSED || s == State.STOPPING;
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
        Baseline.RunKey key = new Baseline.RunKey(family.targetName(), settings.text(), settings.sampling(), settings.maxNewTokens());
        RunStatistics statistics = new RunStatistics(family.targetName(), family.costsByName(), settings.sampling().greedy(),
                baseline != null && baseline.matches(key) ? baseline : null);
        Session s = begin(new Session(paused, spec.label(), key, statistics, TokenDecoder.of(family.family().target().tokenizer())));
        Supplier<LiveSettings> live = method.beginRun(spec);
        models.lockedProperty().set(true);
        state.set(paused ? State.PAUSED : State.RUNNING);
        status.setText("Starting " + spec.label() + "…");
        launch(s, RunTasks.decode(new RunTasks.Decode(family, settings, spec, live, s.gate, s.feed, s.decoder,
                items -> s.promptItems = items)), "decoder");
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
        if (isActive()) {
            return;
        }
        LoadedFamily family = models.family();
        var tokenizer = family != null && family.targetName().equals(trace.header().target())
                ? family.family().target().tokenizer() : null;
        var h = trace.header();
        Baseline.RunKey key = new Baseline.RunKey(h.target(), h.promptText(),
                new SamplingSettings(h.greedy(), h.temperature(), h.topK(), h.topP(), h.seed()), h.maxNewTokens());
        Map<String, ModelCost> costs = new HashMap<>();
        h.costs().forEach(c -> costs.putIfAbsent(c.model(), c));
        Session s = begin(new Session(paused, "replay of " + h.method() + " (" + h.target() + ")", key,
                new RunStatistics(h.target(), costs, h.greedy(), baseline != null && baseline.matches(key) ? baseline : null),
                TokenDecoder.forTrace(trace, tokenizer)));
        state.set(paused ? State.PAUSED : State.RUNNING);
        status.setText("Replaying…");
        launch(s, RunTasks.replay(trace, s.decoder, s.feed, s.gate, items -> s.promptItems = items), "replay");
    }

    private Session begin(Session s) {
        session = s;
        steps.clear();
        emitted = 0;
        inspector.clear();
        stats.clear();
        hideBadge();
        return s;
    }

    private void launch(Session s, Task<Runner.Output> task, String name) {
        task.setOnSucceeded(e -> {
            s.output = task.getValue();
            s.done = true;
        });
        task.setOnFailed(e -> {
            s.done = true;
            if (session == s) {
                Dialogs.error(status, "The run failed", task.getException());
            }
        });
        Background.start(name, task);
        lastStats = System.nanoTime(); // the first figures come after the prompt and first steps are laid out
        drainer.start();
    }

    /** One frame: render a bounded batch of queued steps, refresh statistics now and then, finish a run. */
    private void drain(long now) {
        Session s = session;
        if (s == null) {
            drainer.stop();
            return;
        }
        if (!s.promptShown) {
            if (s.promptItems == null) {
                if (s.done) {
                    finish(s);
                }
                return;
            }
            tokens.showPrompt(s.promptItems);
            s.promptShown = true;
        }
        int batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, s.feed.backlog() / 8));
        List<RunFeed.StepUpdate> updates = s.feed.drain(batch);
        long t0 = System.nanoTime();
        for (RunFeed.StepUpdate u : updates) {
            steps.add(u.event());
            emitted += u.event().emitted().size();
            s.statistics.add(u.event());
            tokens.append(u.view());
        }
        long t1 = System.nanoTime();
        if (!updates.isEmpty()) {
            tokens.setLegend(updates.get(updates.size() - 1).legend());
            if (now - lastStats > STATS_INTERVAL_NANOS) {
                stats.show(s.statistics.snapshot(), false);
                lastStats = now;
            } else {
                stats.drawDueChart();
            }
            if (PROFILE) {
                System.err.printf("drain: %d steps %.1f ms, stats %.1f ms%n", updates.size(), (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
            }
            showProgress();
            if (state.get() == State.PAUSED) { // Step mode: the step just taken is explained in the inspector
                selectStep(steps.size() - 1);
            }
        }
        if (s.done && s.feed.backlog() == 0) {
            finish(s);
        }
    }

    /** "Running …" or "Paused …" with the step and token counts. */
    private void showProgress() {
        Session s = session;
        if (s != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            status.setText(String.format(Locale.ROOT, "%s %s — step %d, %d tokens",
                    state.get() == State.PAUSED ? "Paused" : "Running", s.label, steps.size(), emitted));
        }
    }

    private void finish(Session s) {
        drainer.stop();
        method.endRun(); // harmless after a replay
        models.lockedProperty().set(false);
        if (s.output != null) {
            GenerationResult r = s.output.result();
            s.statistics.finish(r);
            StatsSnapshot snap = s.statistics.snapshot();
            stats.show(snap, true);
            showLossless(snap);
            status.setText(String.format(Locale.ROOT, "Done: %s, %d tokens in %d steps (%s)", s.label,
                    r.tokens().length, r.steps().size(), r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        } else {
            status.setText("Run failed");
        }
        state.set(State.FINISHED);
    }

    /** Runs plain decoding of the target with the same prompt and settings, for speedup and losslessness. */
    public void runBaseline() {
        LoadedFamily family = models.family();
        if (family == null || isActive()) {
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
            baseline = new Baseline(key, r);
            status.setText(String.format(Locale.ROOT, "Baseline: %d tokens, %.1f tokens/s", r.tokens().length,
                    r.tokens().length / Math.max(1e-9, r.decodeNanos() / 1e9)));
            Session s = session;
            if (s != null && s.key.equals(key)) {
                s.statistics.setBaseline(baseline);
                if (state.get() == State.FINISHED && s.output != null) {
                    StatsSnapshot snap = s.statistics.snapshot();
                    stats.show(snap, true);
                    showLossless(snap);
                }
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
        models.lockedProperty().set(isActive());
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
        Session s = session;
        if (s == null || i < 0 || i >= steps.size()) {
            return;
        }
        inspector.show(steps.get(i), steps.size(), s.decoder);
        tokens.select(i);
        showInspector.run();
    }

    /** The finished run's trace, or null. */
    public Trace trace() {
        Session s = session;
        return s == null || s.output == null ? null : s.output.trace();
    }

    /** The current run's statistics, or null before a run. */
    public StatsSnapshot statistics() {
        Session s = session;
        return s == null || steps.isEmpty() ? null : s.statistics.snapshot();
    }

    /** The current run's method label, or "". */
    public String methodLabel() {
        Session s = session;
        return s == null ? "" : s.label;
    }

    /** The steps rendered so far. */
    public List<StepEvent> steps() {
        return List.copyOf(steps);
    }

    /** Steps rendered so far. */
    public int stepCount() {
        return steps.size();
    }
}
