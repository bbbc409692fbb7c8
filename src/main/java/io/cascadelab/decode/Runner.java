package io.cascadelab.decode;

import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.RunSummary;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TokenTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs one method on one prompt and packages the result as a trace (header, steps, summary). */
public final class Runner {

    private Runner() {
    }

    /** The request: method, sampling, length. */
    public record Request(MethodSpec method, SamplingSettings sampling, int maxNewTokens) {

        public Request {
            if (maxNewTokens < 1) {
                throw new IllegalArgumentException("max new tokens must be at least 1, got " + maxNewTokens);
            }
        }
    }

    /** A finished run. */
    public record Output(Trace trace, GenerationResult result) {
    }

    /**
     * Runs {@code request} on {@code prompt}.
     *
     * @param costs measured model costs to store in the header (may be empty)
     * @param live  slider values read at each step; null to use the request's fixed values
     */
    public static Output run(ModelFamily family, Request request, int[] prompt, String promptText,
                             List<ModelCost> costs, Supplier<LiveSettings> live, StepListener listener,
                             BooleanSupplier cancelled, String device) {
        MethodSpec m = request.method();
        LiveSettings fixed = new LiveSettings(m.kMatrix(), m.lenience());
        // the k policy owns k (when adaptive) and the confidence cut-off; it learns from every step
        PolicySettings settings = new PolicySettings(m, live != null ? live : () -> fixed);
        StepListener steps = ev -> {
            settings.onStep(ev);
            listener.onStep(ev);
        };
        DecodeInput input = family.input(prompt);
        int capacity = capacity(family, input.start().length, request.maxNewTokens());
        try (Cascade c = Cascade.build(family.target(), m.levels(family), capacity)) {
            GenerationResult r = new Generator(c, new java.util.HashSet<>(family.target().config().eosTokenIds()))
                    .run(input, request.maxNewTokens(), request.sampling(), settings, steps, cancelled);
            SamplingSettings s = request.sampling();
            KMatrix k = settings.get().kMatrix();
            // the header stores the input as the engine read it, so a replay lays out positions and copy sources alike
            RunHeader h = new RunHeader(m.method().name().toLowerCase(java.util.Locale.ROOT), c.levelNames(),
                    costs, input.start(), promptText, s.greedy(), s.temperature(), s.topK(), s.topP(), s.seed(),
                    k == null ? null : k.toIncrements(), m.lenience(), request.maxNewTokens(), device,
                    RunHeader.K_CONVENTION, input.encoderInput());
            String text = family.target().tokenizer() == null ? "" : family.target().tokenizer().decode(r.tokens());
            RunSummary sum = new RunSummary(r.tokens(), text, r.stopReason().name(), r.prefillNanos(), r.decodeNanos());
            TokenTable texts = TokenTable.of(family.target().tokenizer(), TokenTable.idsOf(h.inputIds(), r.steps()));
            return new Output(new Trace(h, r.steps(), sum, texts), r);
        }
    }

    /**
     * The context a run gets: the target's, or the decoded start (a decoder-only model's prompt) and
     * the new tokens with some room when that is less.
     */
    public static int capacity(ModelFamily family, int startLength, int maxNewTokens) {
        return Math.min(family.target().config().maxPositions(), startLength + maxNewTokens + 64);
    }

    /** Costs of the target and every level the method uses, measured now at the prompt's length. */
    public static List<ModelCost> measureCosts(ModelFamily family, MethodSpec m, int context) {
        int k = Math.max(1, m.draftTokens());
        List<LevelSpec> levels = m.levels(family);
        List<String> names = Cascade.levelNames(family.target(), levels);
        List<ModelCost> out = new ArrayList<>();
        out.add(CostProbe.measure(family.target(), names.get(0), 0, context, k, 9));
        for (int i = 0; i < levels.size(); i++) {
            out.add(levels.get(i).cost(names.get(i + 1), i + 1, context, k, 9));
        }
        return out;
    }
}
