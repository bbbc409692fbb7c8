package io.cascadelab.ui.model;

import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.Trace;

import java.util.HashMap;
import java.util.Map;

/**
 * One run as the window follows it: the hand-over queue from the decoding thread, the step gate,
 * its statistics and, when it ends, its output. A live run or the replay of a stored trace.
 */
public final class RunSession {

    private final RunFeed feed = new RunFeed();
    private final StepGate gate;
    private final String label;
    private final Baseline.RunKey key;
    private final RunStatistics statistics;
    private final TokenDecoder decoder;
    private volatile PromptView prompt;
    private volatile Runner.Output output;
    private volatile boolean done;

    private RunSession(boolean paused, String label, Baseline.RunKey key, RunStatistics statistics, TokenDecoder decoder) {
        this.gate = new StepGate(paused);
        this.label = label;
        this.key = key;
        this.statistics = statistics;
        this.decoder = decoder;
    }

    /**
     * A live run of {@code label} over {@code family}'s target.
     *
     * @param baseline the kept baseline; the session compares with it only when it ran the same prompt and settings
     */
    public static RunSession live(LoadedFamily family, String label, String prompt, SamplingSettings sampling,
                                  int maxNewTokens, boolean paused, Baseline baseline) {
        Baseline.RunKey key = new Baseline.RunKey(family.targetName(), prompt, sampling, maxNewTokens);
        RunStatistics st = new RunStatistics(family.targetName(), family.costsByName(), sampling.greedy(),
                matching(baseline, key));
        return new RunSession(paused, label, key, st, TokenDecoder.of(family.family().target().tokenizer()));
    }

    /**
     * The replay of {@code trace}, with the token texts it stores (or the loaded target's tokenizer,
     * when {@code family} holds the trace's target, for an older trace).
     */
    public static RunSession replay(Trace trace, LoadedFamily family, boolean paused, Baseline baseline) {
        RunHeader h = trace.header();
        var tokenizer = family != null && family.targetName().equals(h.target()) ? family.family().target().tokenizer() : null;
        Baseline.RunKey key = new Baseline.RunKey(h.target(), h.promptText(),
                new SamplingSettings(h.greedy(), h.temperature(), h.topK(), h.topP(), h.seed()), h.maxNewTokens());
        Map<String, ModelCost> costs = new HashMap<>();
        h.costs().forEach(c -> costs.putIfAbsent(c.model(), c));
        RunStatistics st = new RunStatistics(h.target(), costs, h.greedy(), matching(baseline, key));
        return new RunSession(paused, "replay of " + h.method() + " (" + h.target() + ")", key, st,
                TokenDecoder.forTrace(trace, tokenizer));
    }

    private static Baseline matching(Baseline b, Baseline.RunKey key) {
        return b != null && b.matches(key) ? b : null;
    }

    public RunFeed feed() {
        return feed;
    }

    public StepGate gate() {
        return gate;
    }

    /** The method label shown in the status line. */
    public String label() {
        return label;
    }

    /** What a baseline must match to be compared with this run. */
    public Baseline.RunKey key() {
        return key;
    }

    public RunStatistics statistics() {
        return statistics;
    }

    public TokenDecoder decoder() {
        return decoder;
    }

    /** The prompt (or encoder input) as the view shows it, once the decoding thread has laid it out; null before. */
    public PromptView prompt() {
        return prompt;
    }

    /** Decoding thread: the prompt is laid out. */
    public void promptReady(PromptView view) {
        prompt = view;
    }

    /** The finished run, or null (still running, or failed). */
    public Runner.Output output() {
        return output;
    }

    /** The run ended, with {@code out} (null when it failed). */
    public void done(Runner.Output out) {
        output = out;
        done = true;
    }

    /** True once the run ended (its last steps may still wait in the feed). */
    public boolean isDone() {
        return done;
    }
}
