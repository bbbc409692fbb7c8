package io.cascadelab.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.RunMetrics;

import java.util.List;
import java.util.Map;

/** JSON and one-line renderings of settings and metrics, with docs/ALGORITHMS.md, Metrics's names. */
final class ReportJson {

    private ReportJson() {
    }

    static JsonArray ints(int[] a) {
        JsonArray j = new JsonArray();
        for (int x : a) {
            j.add(x);
        }
        return j;
    }

    static JsonObject method(MethodSpec spec, SamplingSettings s, int maxNew, RunHeader h) {
        JsonObject o = new JsonObject();
        o.addProperty("method", spec.method().name().toLowerCase());
        o.addProperty("label", spec.label());
        JsonArray levels = new JsonArray();
        h.levels().forEach(levels::add);
        o.add("levels", levels);
        if (h.kMatrix() != null) {
            JsonArray k = new JsonArray();
            for (int[] row : h.kMatrix()) {
                k.add(ints(row));
            }
            o.add("k_matrix", k);
            o.addProperty("k_matrix_convention", RunHeader.K_CONVENTION);
        }
        o.addProperty("lenience", spec.lenience());
        o.addProperty("greedy", s.greedy());
        if (!s.greedy()) {
            o.addProperty("temperature", s.temperature());
            o.addProperty("top_k", s.topK());
            o.addProperty("top_p", s.topP());
            o.addProperty("seed", s.seed());
        }
        o.addProperty("max_new_tokens", maxNew);
        return o;
    }

    static JsonObject metrics(RunMetrics m, List<ModelCost> costs, GenerationResult baseline, GenerationResult run) {
        JsonObject o = new JsonObject();
        o.addProperty("target_steps", m.steps());
        o.addProperty("emitted_tokens", m.emitted());
        o.addProperty("AL", m.acceptedLength());
        JsonObject ar = new JsonObject();
        m.acceptanceRate().forEach(ar::addProperty);
        o.add("AR", ar);
        JsonObject alpha = new JsonObject();
        m.positionAcceptance().forEach((k, v) -> {
            JsonArray a = new JsonArray();
            for (double x : v) {
                a.add(x);
            }
            alpha.add(k, a);
        });
        o.add("position_acceptance", alpha);
        o.add("acceptance_histogram", ints(m.histogram()));
        JsonObject passes = new JsonObject();
        m.forwardPasses().forEach(passes::addProperty);
        o.add("forward_passes", passes);
        o.addProperty("prefill_ms", m.prefillNanos() / 1e6);
        o.addProperty("decode_ms", m.decodeNanos() / 1e6);
        o.addProperty("tokens_per_second", m.tokensPerSecond());
        o.addProperty("SWI_size", m.swiSize());
        o.addProperty("SWI_measured", m.swiMeasured());
        o.addProperty("expected_speedup", m.expectedSpeedup());
        JsonArray c = new JsonArray();
        for (ModelCost mc : costs) {
            JsonObject x = new JsonObject();
            x.addProperty("model", mc.model());
            x.addProperty("level", mc.level());
            x.addProperty("parameters", mc.parameters());
            x.addProperty("c1_ms", mc.nanos1() / 1e6);
            x.addProperty("ck1_ms", mc.nanosK1() / 1e6);
            x.addProperty("k", mc.k());
            c.add(x);
        }
        o.add("costs", c);
        if (baseline != null) {
            o.addProperty("speedup", speedup(baseline, run));
            o.addProperty("baseline_decode_ms", baseline.decodeNanos() / 1e6);
            int diff = RunMetrics.firstDifference(baseline.tokens(), run.tokens());
            o.addProperty("lossless", diff < 0 ? "identical" : "differs at token " + diff);
        } else {
            o.addProperty("speedup", "not measured (use --baseline)");
        }
        return o;
    }

    /** Wall-clock speedup: baseline decode time per token ÷ method decode time per token. */
    static double speedup(GenerationResult baseline, GenerationResult run) {
        return RunMetrics.speedup(baseline.decodeNanos(), baseline.tokens().length, run.decodeNanos(),
                run.tokens().length);
    }

    /** AR per speculator head: {"name": [ar_0, ar_1, …]}. */
    static JsonObject perHead(Map<String, double[]> perHead) {
        JsonObject o = new JsonObject();
        perHead.forEach((name, ar) -> {
            JsonArray a = new JsonArray();
            for (double x : ar) {
                a.add(x);
            }
            o.add(name, a);
        });
        return o;
    }

    static String oneLine(RunMetrics m, GenerationResult baseline, GenerationResult run) {
        StringBuilder sb = new StringBuilder(String.format("%d tokens, %d target steps, AL %.2f, %.1f tok/s",
                m.emitted(), m.steps(), m.acceptedLength(), m.tokensPerSecond()));
        for (Map.Entry<String, Double> e : m.acceptanceRate().entrySet()) {
            sb.append(String.format(", AR(%s) %.2f", e.getKey(), e.getValue()));
        }
        sb.append(String.format(", SWI-size %.2f, SWI-measured %.2f, expected speedup %.2f", m.swiSize(), m.swiMeasured(),
                m.expectedSpeedup()));
        if (baseline != null) {
            int diff = RunMetrics.firstDifference(baseline.tokens(), run.tokens());
            sb.append(String.format(", speedup %.2fx, %s", speedup(baseline, run),
                    diff < 0 ? "identical to target" : "differs at token " + diff));
        }
        return sb.toString();
    }
}
