package io.cascadelab.sim;

import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.Generator;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.ReviewLevel;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.StepListener;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.RunSummary;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Simulator mode: the real generation loop and cascade ({@link Generator}, {@link ReviewLevel})
 * over stand-in models whose agreement with the target follows the user's settings, on synthetic
 * tokens, with costs from the user's ratios. No model is loaded.
 */
public final class Simulator {

    /** The stand-in target's name. */
    public static final String TARGET = "target";
    /** What one forward pass of the target costs on the simulated clock. */
    static final double TARGET_NANOS = 1_000_000;

    private Simulator() {
    }

    /** Runs {@code s}; {@code listener} sees each step as the engine emits it (before re-timing). */
    public static SimResult run(SimSettings s, StepListener listener, BooleanSupplier cancelled) {
        SyntheticLanguage language = new SyntheticLanguage(s.seed());
        KMatrix k = s.kMatrix();
        List<StandIn> specs = s.drafters();
        checkNames(specs);
        int n = specs.size();
        Drafter[] levels = new Drafter[n];
        for (int j = n - 1; j >= 0; j--) {
            SplittableRandom random = new SplittableRandom(s.seed() * 31 + j + 1);
            if (j == n - 1) {
                levels[j] = new StandInProposer(specs.get(j), j + 1, language, random);
            } else {
                List<Drafter> below = java.util.Arrays.asList(levels).subList(j + 1, n);
                levels[j] = new ReviewLevel(specs.get(j).name(), j + 1, new StandInReviewer(specs.get(j), language, random), below);
            }
        }
        ReviewLevel top = new ReviewLevel(TARGET, 0, new StandInTarget(language), List.of(levels));
        int[] prompt = language.prompt();
        LiveSettings live = new LiveSettings(k, s.lenience());
        GenerationResult r = new Generator(top, prompt.length + s.tokens() + KMatrix.MAX_MAG_PER_REVIEW * n + 8, Set.of())
                .run(prompt, s.tokens(), SamplingSettings.GREEDY, () -> live, listener, cancelled);
        List<ModelCost> costs = costs(specs, k);
        Map<String, ModelCost> byName = new LinkedHashMap<>();
        costs.forEach(c -> byName.put(c.model(), c));
        List<StepEvent> steps = SimulatedClock.retime(r.steps(), byName);
        List<String> names = new ArrayList<>();
        names.add(TARGET);
        specs.forEach(d -> names.add(d.name()));
        RunHeader h = new RunHeader("sim", names, costs, prompt, language.tokens().decode(prompt), true, 1.0, 0, 1.0,
                s.seed(), k.toIncrements(), s.lenience(), s.tokens(), "simulator", RunHeader.K_CONVENTION);
        RunSummary sum = new RunSummary(r.tokens(), language.tokens().decode(r.tokens()), r.stopReason().name(), 0,
                SimulatedClock.total(steps));
        Trace trace = new Trace(h, steps, sum, language.tokens());
        return new SimResult(trace, trace.metrics(), formulaAl(s));
    }

    /** The formula's AL for one drafter (plain speculative decoding); NaN for a cascade. */
    static double formulaAl(SimSettings s) {
        if (s.drafters().size() != 1) {
            return Double.NaN;
        }
        double[] alpha = new double[s.k()];
        for (int j = 0; j < alpha.length; j++) {
            alpha[j] = s.drafters().get(0).acceptanceAt(j);
        }
        return RunMetrics.expectedTokensPerStep(alpha);
    }

    // c_m as nanoseconds on the simulated clock and as "parameters", so both SWI variants agree
    private static List<ModelCost> costs(List<StandIn> specs, KMatrix k) {
        List<ModelCost> out = new ArrayList<>();
        int kk = k.rowTotal(0);
        out.add(new ModelCost(TARGET, 0, Math.round(TARGET_NANOS), TARGET_NANOS, TARGET_NANOS, kk));
        for (int j = 0; j < specs.size(); j++) {
            StandIn d = specs.get(j);
            if (j == specs.size() - 1) {
                out.add(new ModelCost(d.name(), j + 1, 0, 0, 0, 0)); // the Max-Gram stand-in is free
            } else {
                double c = d.costRatio() * TARGET_NANOS;
                out.add(new ModelCost(d.name(), j + 1, Math.round(c), c, c, kk));
            }
        }
        return out;
    }

    private static void checkNames(List<StandIn> specs) {
        Set<String> seen = new HashSet<>();
        seen.add(TARGET);
        for (StandIn d : specs) {
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("drafter name '" + d.name() + "' is used twice (or is 'target'): give each level its own name");
            }
        }
    }
}
