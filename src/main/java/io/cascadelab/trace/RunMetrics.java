package io.cascadelab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, computed from its step events exactly as ../docs/ALGORITHMS.md, Metrics defines them,
 * so the UI, the CLI and the JSON all agree.
 *
 * @param acceptedLength          AL = emitted tokens ÷ target steps
 * @param acceptanceRate          AR per drafter: its tokens accepted by the target ÷ its tokens the target tested
 * @param positionAcceptance      α_j per drafter owning position j: accepted ÷ tested at j (NaN where never tested)
 * @param histogram               entry j = steps that accepted exactly j drafted tokens
 * @param forwardPasses           forward passes (calls) per model
 * @param testedTokens            per drafter: its tokens the target tested (the AR denominator)
 * @param tokensPerSecond         emitted ÷ decode seconds (prefill excluded)
 * @param swiSize                 SWI with c_m = parameter count (NaN when sizes are unknown)
 * @param swiMeasured             SWI with c_m = measured c_m(1) (NaN when costs are unknown)
 * @param expectedSpeedup         speedup predicted from measured per-position acceptance and costs (NaN when unknown)
 */
public record RunMetrics(int steps, int emitted, long decodeNanos, long prefillNanos, double acceptedLength,
                         Map<String, Double> acceptanceRate, Map<String, double[]> positionAcceptance,
                         int[] histogram, Map<String, Integer> forwardPasses, Map<String, Integer> draftedTokens,
                         Map<String, Integer> testedTokens, Map<String, Integer> acceptedTokens, double tokensPerSecond, double swiSize,
                         double swiMeasured, double expectedSpeedup) {

    /** Computes the metrics; {@code costs} keyed by model name may be empty. */
    public static RunMetrics compute(List<StepEvent> steps, long decodeNanos, long prefillNanos,
                                     Map<String, ModelCost> costs, String targetName) {
        int emitted = 0;
        int maxDraft = 0;
        for (StepEvent s : steps) {
            emitted += s.emitted().size();
            maxDraft = Math.max(maxDraft, s.targetReview().drafted().length);
        }
        Map<String, Integer> tested = new LinkedHashMap<>();
        Map<String, Integer> accepted = new LinkedHashMap<>();
        Map<String, Integer> drafted = new LinkedHashMap<>();
        Map<String, int[]> posTested = new LinkedHashMap<>();
        Map<String, int[]> posAccepted = new LinkedHashMap<>();
        int[] hist = new int[maxDraft + 1];
        Map<String, Integer> passes = new LinkedHashMap<>();
        for (StepEvent s : steps) {
            ReviewRecord t = s.targetReview();
            hist[t.accepted()]++;
            for (int j = 0; j < t.drafted().length; j++) {
                String who = t.origins().get(j).source();
                drafted.merge(who, 1, Integer::sum);
                if (j < t.verdicts().size()) {
                    boolean ok = t.verdicts().get(j).accepted();
                    tested.merge(who, 1, Integer::sum);
                    accepted.merge(who, ok ? 1 : 0, Integer::sum);
                    posTested.computeIfAbsent(who, k -> new int[hist.length])[j]++;
                    if (ok) {
                        posAccepted.computeIfAbsent(who, k -> new int[hist.length])[j]++;
                    }
                }
            }
            for (CallRecord c : s.calls()) {
                if (c.tokensIn() > 0) { // a forward pass; statistical drafters read no tokens
                    passes.merge(c.model(), 1, Integer::sum);
                }
            }
        }
        Map<String, Double> ar = new LinkedHashMap<>();
        tested.forEach((who, n) -> ar.put(who, n == 0 ? Double.NaN : accepted.get(who) / (double) n));
        Map<String, double[]> alpha = new LinkedHashMap<>();
        posTested.forEach((who, n) -> {
            int[] a = posAccepted.getOrDefault(who, new int[n.length]);
            double[] r = new double[n.length - 1]; // positions 0..maxDraft-1
            for (int j = 0; j < r.length; j++) {
                r[j] = n[j] == 0 ? Double.NaN : a[j] / (double) n[j];
            }
            alpha.put(who, r);
        });
        int nSteps = steps.size();
        double al = nSteps == 0 ? Double.NaN : emitted / (double) nSteps;
        double tps = decodeNanos <= 0 ? Double.NaN : emitted / (decodeNanos / 1e9);
        return new RunMetrics(nSteps, emitted, decodeNanos, prefillNanos, al, ar, alpha, hist, passes, drafted, tested, accepted,
                tps, swi(emitted, passes, costs, targetName, true), swi(emitted, passes, costs, targetName, false),
                expectedSpeedup(steps, passes, costs, targetName));
    }

    /** SWI = (emitted × c_target) ÷ Σ_m passes_m × c_m, Max-Gram free. */
    static double swi(int emitted, Map<String, Integer> passes, Map<String, ModelCost> costs, String target, boolean size) {
        ModelCost tc = costs.get(target);
        if (tc == null) {
            return Double.NaN;
        }
        double denom = 0;
        for (Map.Entry<String, Integer> e : passes.entrySet()) {
            ModelCost c = costs.get(e.getKey());
            if (c == null) {
                return Double.NaN;
            }
            denom += e.getValue() * (size ? c.parameters() : c.nanos1());
        }
        return denom == 0 ? Double.NaN : emitted * (size ? tc.parameters() : tc.nanos1()) / denom;
    }

    /**
     * Expected speedup from measured acceptance and costs: tokens per step predicted from the
     * target-draft per-position acceptance (E = 1 + Σ_{j≤d} Π_{i≤j} α_i, with α_i pooled over drafters,
     * averaged over the steps with d = the tokens each step drafted),
     * times c_target(1), divided by the measured cost of a step (one verify c_target(k+1) plus the
     * drafters' passes per step × c_m(1)); a step that drafted nothing costs c_target(1).
     */
    static double expectedSpeedup(List<StepEvent> steps, Map<String, Integer> passes, Map<String, ModelCost> costs,
                                  String target) {
        ModelCost tc = costs.get(target);
        if (tc == null || steps.isEmpty()) {
            return Double.NaN;
        }
        double[] alpha = pooledPositionAcceptance(steps);
        double expectedTokens = 0;
        for (StepEvent s : steps) { // each step as long as it really drafted (adaptive k, cut-offs, no Max-Gram match)
            expectedTokens += expectedTokensPerStep(Arrays.copyOf(alpha, s.targetReview().drafted().length));
        }
        expectedTokens /= steps.size();
        double stepCost = targetCostPerStep(steps, tc);
        for (Map.Entry<String, Integer> e : passes.entrySet()) {
            if (e.getKey().equals(target)) {
                continue;
            }
            ModelCost c = costs.get(e.getKey());
            if (c == null) {
                return Double.NaN;
            }
            stepCost += e.getValue() / (double) steps.size() * c.nanos1();
        }
        return expectedTokens * tc.nanos1() / stepCost;
    }

    /**
     * Mean cost of the target's review per step: c_target(k+1) for a step that verified drafts,
     * c_target(1) for a step that drafted nothing (plain decoding, or Max-Gram without a match);
     * charging a draft-less step the verify cost made plain decoding "expect" 0.8x.
     */
    public static double targetCostPerStep(List<StepEvent> steps, ModelCost tc) {
        double verify = tc.nanosK1() > 0 ? tc.nanosK1() : tc.nanos1();
        double sum = 0;
        for (StepEvent s : steps) {
            sum += s.targetReview().drafted().length == 0 ? tc.nanos1() : verify;
        }
        return sum / steps.size();
    }

    /** α_j over all drafters: P(position j accepted | positions before accepted), from the target's reviews. */
    public static double[] pooledPositionAcceptance(List<StepEvent> steps) {
        int max = 0;
        for (StepEvent s : steps) {
            max = Math.max(max, s.targetReview().drafted().length);
        }
        int[] n = new int[max];
        int[] a = new int[max];
        for (StepEvent s : steps) {
            ReviewRecord t = s.targetReview();
            for (int j = 0; j < t.verdicts().size(); j++) {
                n[j]++;
                if (t.verdicts().get(j).accepted()) {
                    a[j]++;
                }
            }
        }
        double[] alpha = new double[max];
        for (int j = 0; j < max; j++) {
            alpha[j] = n[j] == 0 ? 0 : a[j] / (double) n[j];
        }
        return alpha;
    }

    /**
     * AR per MLP speculator head (docs/ALGORITHMS.md, Metrics: per drafter, each MLP head separately): for every
     * speculator name, entry i = head i's tokens accepted by the target ÷ its tokens the target
     * tested (NaN where never tested).
     */
    public static Map<String, double[]> headAcceptance(List<StepEvent> steps) {
        Map<String, int[][]> counts = new LinkedHashMap<>(); // name → {tested[], accepted[]}
        for (StepEvent s : steps) {
            ReviewRecord t = s.targetReview();
            for (int j = 0; j < t.verdicts().size() && j < t.origins().size(); j++) {
                TokenOrigin o = t.origins().get(j);
                if (o.head() < 0) { // only a head drafter's tokens have a head
                    continue;
                }
                int[][] c = counts.computeIfAbsent(o.source(), k -> new int[2][0]);
                if (c[0].length <= o.head()) {
                    c[0] = Arrays.copyOf(c[0], o.head() + 1);
                    c[1] = Arrays.copyOf(c[1], o.head() + 1);
                }
                c[0][o.head()]++;
                if (t.verdicts().get(j).accepted()) {
                    c[1][o.head()]++;
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        counts.forEach((name, c) -> {
            double[] ar = new double[c[0].length];
            for (int i = 0; i < ar.length; i++) {
                ar[i] = c[0][i] == 0 ? Double.NaN : c[1][i] / (double) c[0][i];
            }
            out.put(name, ar);
        });
        return out;
    }

    /** E[tokens per step] = 1 + Σ_j Π_{i≤j} α_i. */
    public static double expectedTokensPerStep(double[] alpha) {
        double e = 1;
        double prod = 1;
        for (double x : alpha) {
            prod *= x;
            e += prod;
        }
        return e;
    }

    /** docs/ALGORITHMS.md: expected tokens per target call with i.i.d. acceptance α and k drafts: (1−α^(k+1))/(1−α). */
    public static double expectedTokensIid(double alpha, int k) {
        return alpha >= 1 ? k + 1 : (1 - Math.pow(alpha, k + 1)) / (1 - alpha);
    }

    /** docs/ALGORITHMS.md: expected speedup (1−α^(k+1)) / ((1−α)(k·c+1)) with draft/target cost ratio c. */
    public static double expectedSpeedupIid(double alpha, int k, double costRatio) {
        return expectedTokensIid(alpha, k) / (k * costRatio + 1);
    }

    /**
     * Wall-clock speedup (docs/ALGORITHMS.md, Metrics) of a run over its plain-decoding baseline: baseline decode
     * time per emitted token ÷ the run's decode time per emitted token.
     */
    public static double speedup(long baselineDecodeNanos, int baselineTokens, long decodeNanos, int tokens) {
        double b = baselineDecodeNanos / (double) Math.max(1, baselineTokens);
        double r = decodeNanos / (double) Math.max(1, tokens);
        return b / r;
    }

    /** Lossless check: -1 when identical, else the first differing index (length mismatch counts). */
    public static int firstDifference(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    @Override
    public String toString() {
        return String.format("steps %d, emitted %d, AL %.2f, %.1f tok/s, AR %s, hist %s", steps, emitted,
                acceptedLength, tokensPerSecond, acceptanceRate, Arrays.toString(histogram));
    }

    /** Names of drafters with tested tokens, in first-seen order. */
    public List<String> drafters() {
        return new ArrayList<>(acceptanceRate.keySet());
    }
}
