package io.cascadelab.doctor;

import io.cascadelab.decode.Cascade;
import io.cascadelab.decode.DecodeInput;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.Generator;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.trace.RunMetrics;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/** A short greedy speculative run of one drafter under the target, to estimate acceptance before a long run. */
public final class AcceptanceProbe {

    /** Below this acceptance, drafting rarely pays for itself. */
    static final double LOW_ACCEPTANCE = 0.3;

    private AcceptanceProbe() {
    }

    /**
     * Runs {@code tokens} tokens with {@code drafter} drafting {@code k} per target step, on the prompt
     * as the family's runs read it (an encoder-decoder's encoder reads it; decoding starts at its start token).
     */
    public static ProbeResult run(ModelFamily family, LevelSpec drafter, int[] prompt, int tokens, int k,
                                  BooleanSupplier cancelled) {
        DecodeInput input = family.input(prompt);
        LoadedModel target = family.target();
        try (Cascade c = Cascade.build(target, List.of(drafter), Runner.capacity(family, input.start().length, tokens))) {
            LiveSettings live = new LiveSettings(KMatrix.expand(k, 1), 1.0);
            GenerationResult r = new Generator(c, new HashSet<>(target.config().eosTokenIds()))
                    .run(input, tokens, SamplingSettings.GREEDY, () -> live, s -> { }, cancelled);
            RunMetrics m = RunMetrics.compute(r.steps(), r.decodeNanos(), r.prefillNanos(), Map.of(), c.levelNames().get(0));
            double ar = m.acceptanceRate().getOrDefault(c.levelNames().get(1), Double.NaN);
            return new ProbeResult(m.emitted(), m.steps(), k, ar, m.acceptedLength(),
                    Double.isNaN(ar) ? Double.NaN : RunMetrics.expectedTokensIid(ar, k),
                    IntStream.of(r.tokens()).boxed().toList());
        }
    }

    /** The probe as a finding. */
    static Finding finding(ProbeResult p) {
        String detail = String.format(Locale.ROOT, "%d tokens in %d target steps with k = %d: AR %.2f, AL %.2f "
                + "(a long run at this AR: AL ≈ %.2f)", p.tokens(), p.steps(), p.k(), p.acceptanceRate(),
                p.acceptedLength(), p.expectedAl());
        if (Double.isNaN(p.acceptanceRate())) {
            return new Finding("acceptance probe", Finding.Status.WARNING, detail + "; the drafter proposed nothing",
                    "the drafter never proposed a token: check that it is a language model of the target's kind"
                            + " (decoder-only or encoder-decoder) with its tokenizer");
        }
        if (p.acceptanceRate() < LOW_ACCEPTANCE) {
            return new Finding("acceptance probe", Finding.Status.WARNING, detail,
                    "drafts are rarely accepted, so speculation will likely be slower than plain decoding: use a drafter"
                            + " distilled from this target, lower k, or Max-Gram for repetitive text");
        }
        return Finding.ok("acceptance probe", detail);
    }
}
