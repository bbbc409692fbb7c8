package io.cascadelab.decode;

import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.StepRecorder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The generation loop shared by every method: plain decoding (a target with no drafters),
 * speculative decoding (one drafter) and CS Drafting (a cascade). Each step is one target review.
 */
public final class Generator {

    private final ReviewLevel top;
    private final int capacity;
    private final Set<Integer> eos;

    public Generator(Cascade cascade, Set<Integer> eosTokenIds) {
        this(cascade.top(), cascade.capacity(), eosTokenIds);
    }

    /** A loop over any tree of levels (the simulator's stand-ins), whose sequences stay shorter than {@code capacity}. */
    public Generator(ReviewLevel top, int capacity, Set<Integer> eosTokenIds) {
        this.top = top;
        this.capacity = capacity;
        this.eos = Set.copyOf(eosTokenIds);
    }

    /**
     * Generates up to {@code maxNewTokens} after {@code prompt} (a decoder-only run).
     *
     * @param live      read at every step boundary (k-matrix, lenience)
     * @param cancelled checked between model calls; a cancelled run returns what it emitted so far
     */
    public GenerationResult run(int[] prompt, int maxNewTokens, SamplingSettings sampling, Supplier<LiveSettings> live,
                                StepListener listener, BooleanSupplier cancelled) {
        return run(DecodeInput.decoderOnly(prompt), maxNewTokens, sampling, live, listener, cancelled);
    }

    /** Generates up to {@code maxNewTokens} after {@code input}'s start, the models reading its encoder input. */
    public GenerationResult run(DecodeInput input, int maxNewTokens, SamplingSettings sampling, Supplier<LiveSettings> live,
                                StepListener listener, BooleanSupplier cancelled) {
        int[] prompt = input.start();
        int[] encoderInput = input.encoderInput();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty: type some text (the model needs at least one token)");
        }
        int limit = capacity;
        if (prompt.length >= limit) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens but the models' context holds "
                    + limit + "; shorten the prompt");
        }
        long t0 = System.nanoTime();
        List<Drafter> drafters = Drafters.ofTree(top);
        for (Drafter d : drafters) {
            d.start(input);
        }
        long prefill = System.nanoTime() - t0;
        RandomGenerator random = sampling.newRandom();
        int[] seq = prompt.clone();
        List<Integer> generated = new ArrayList<>();
        List<StepEvent> steps = new ArrayList<>();
        GenerationResult.StopReason reason = GenerationResult.StopReason.MAX_TOKENS;
        long decodeStart = System.nanoTime();
        outer:
        while (generated.size() < maxNewTokens) {
            if (seq.length >= limit) { // every method stops at the same length: the context's capacity
                reason = GenerationResult.StopReason.CONTEXT_FULL;
                break;
            }
            LiveSettings ls = live.get();
            long stepStart = System.nanoTime();
            StepRecorder rec = new StepRecorder(stepStart);
            StepScope scope = new StepScope(prompt.length, sampling, ls.lenience(), ls.kMatrix(), random, rec, limit,
                    cancelled, ls.confidenceCutoff(), encoderInput);
            List<DraftToken> out;
            try {
                out = top.review(scope, seq);
            } catch (CancellationException e) {
                reason = GenerationResult.StopReason.CANCELLED;
                break;
            }
            List<EmittedToken> emitted = new ArrayList<>();
            boolean stop = false;
            for (DraftToken d : out) {
                if (generated.size() >= maxNewTokens) {
                    break;
                }
                if (seq.length + emitted.size() >= limit) {
                    stop = true;
                    reason = GenerationResult.StopReason.CONTEXT_FULL;
                    break;
                }
                emitted.add(new EmittedToken(d.token(), seq.length + emitted.size(), d.origin(), d.verdicts()));
                generated.add(d.token());
                if (eos.contains(d.token())) {
                    stop = true;
                    reason = GenerationResult.StopReason.EOS;
                    break;
                }
            }
            int[] next = Arrays.copyOf(seq, seq.length + emitted.size());
            for (int i = 0; i < emitted.size(); i++) {
                next[seq.length + i] = emitted.get(i).token();
            }
            seq = next;
            long now = System.nanoTime();
            StepEvent ev = rec.finish(steps.size(), stepStart - decodeStart, now - stepStart, emitted);
            int accepted = ev.targetReview().accepted();
            for (Drafter d : drafters) {
                d.accepted(seq, accepted);
            }
            steps.add(ev);
            listener.onStep(ev);
            if (stop) {
                break outer;
            }
            if (cancelled.getAsBoolean()) {
                reason = GenerationResult.StopReason.CANCELLED;
                break;
            }
        }
        long decode = System.nanoTime() - decodeStart;
        for (Drafter d : drafters) {
            d.finish(seq);
        }
        int[] tokens = generated.stream().mapToInt(Integer::intValue).toArray();
        return new GenerationResult(prompt, tokens, steps, prefill, decode, reason);
    }
}
