package io.cascadelab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.PaperPreset;
import io.cascadelab.util.StrictJson;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.tune.RunMeasurer;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: a prompt set × methods (AR, SD with each single drafter, CS Drafting), median of
 * repeated runs, a table on stdout and every figure (incl. the lossless check) in JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark AR, SD (each single drafter) and CS Drafting on a prompt set.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--prompts", description = "prompt folder (category subfolders of *.txt) or one file; default: sample-prompts/")
    Path prompts;

    @Option(names = "--methods", defaultValue = "ar,sd,csd", split = ",",
            description = "methods to compare; sd runs once per single drafter (each draft model and each statistical "
                    + "drafter); csd:<paper preset> adds a row with the CS Drafting paper's setting (flan-t5, flan-t5-prev,"
                    + " llama-2) (default: ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--history", defaultValue = "fresh",
            description = "fresh: every run starts with drafters that remember no earlier run (each repeat sees the prompt "
                    + "afresh); keep: they remember, so the timed runs measure a prompt seen before (default: ${DEFAULT-VALUE})")
    History history;

    /** Whether drafters remember earlier runs during a benchmark. */
    enum History { fresh, keep }

    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per prompt and method; the median counts (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--json", description = "write all figures to this JSON file")
    Path json;

    @Mixin ModelOptions models;
    @Mixin MethodOptions options;

    /** One method's aggregated figures over the prompt set. */
    record Row(String label, double decodeSeconds, int tokens, int steps, double baselineSeconds, Map<String, int[]> ar,
               double swiSize, double swiMeasured, double expected, int identical, int prompts) {
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.checkCreatable(json, "--json");
        new Runner.Request(MethodSpec.ar(), options.sampling(), options.maxNewTokens); // refuse bad settings before loading
        boolean freshRuns = history == History.fresh;
        List<PromptLibrary.Prompt> set = PromptLibrary.load(prompts != null ? prompts : AppPaths.samplePrompts());
        String device = DjlEnvironment.configuredDevice().toString();
        try (ModelFamily family = models.load()) {
            List<MethodSpec> specs = expand(family);
            System.err.printf("bench: %d prompts x %d methods x %d repeats, %d new tokens, device %s%n", set.size(),
                    specs.size(), repeats, options.maxNewTokens, device);
            JsonArray perPrompt = new JsonArray();
            Map<String, List<double[]>> agg = new LinkedHashMap<>(); // label -> per prompt {decodeSec, tokens, steps, baseSec, swiS, swiM, exp, identical}
            Map<String, Map<String, int[]>> arAgg = new LinkedHashMap<>();
            // Ctrl-C ends the run in progress; the finished ones are printed and written before the JVM exits
            try (CtrlC ctrlC = CtrlC.install()) {
                prompts:
                for (PromptLibrary.Prompt p : set) {
                    int[] ids = family.target().tokenizer().encode(p.text());
                    Runner.Output base = null;
                    double baseSec = Double.NaN;
                    JsonObject pj = new JsonObject();
                    pj.addProperty("category", p.category());
                    pj.addProperty("prompt", p.name());
                    JsonArray mj = new JsonArray();
                    for (MethodSpec spec : specs) {
                        List<ModelCost> costs = Runner.measureCosts(family, spec, ids.length);
                        Runner.Request req = new Runner.Request(spec, options.sampling(), options.maxNewTokens);
                        Runner.Output med = RunMeasurer.median(family, req, ids, p.text(), costs, 1, repeats, ctrlC::stopped,
                                device, () -> { }, freshRuns);
                        if (ctrlC.stopped()) { // the interrupted run is incomplete: keep only the finished ones
                            if (mj.size() > 0) {
                                pj.add("methods", mj);
                                perPrompt.add(pj);
                            }
                            break prompts;
                        }
                        double sec = med.result().decodeNanos() / 1e9;
                        if (spec.method() == MethodSpec.Method.AR) {
                            base = med;
                            baseSec = sec;
                        }
                        RunMetrics m = med.trace().metrics();
                        int diff = base == null ? -2 : RunMetrics.firstDifference(base.result().tokens(), med.result().tokens());
                        agg.computeIfAbsent(spec.label(), k -> new ArrayList<>()).add(new double[] {sec, m.emitted(), m.steps(),
                                baseSec, m.swiSize(), m.swiMeasured(), m.expectedSpeedup(), diff == -1 ? 1 : 0});
                        Map<String, int[]> ar = arAgg.computeIfAbsent(spec.label(), k -> new LinkedHashMap<>());
                        m.acceptedTokens().forEach((who, acc) -> {
                            int[] a = ar.computeIfAbsent(who, k -> new int[2]);
                            a[0] += acc;
                        });
                        m.testedTokens().forEach((who, n) -> ar.computeIfAbsent(who, k -> new int[2])[1] += n);
                        JsonObject r = ReportJson.metrics(m, costs, base == null ? null : base.result(), med.result());
                        r.addProperty("label", spec.label());
                        r.addProperty("median_of", repeats);
                        r.addProperty("text", med.trace().summary().text());
                        mj.add(r);
                        System.err.printf("  %-28s %-40s %6.1f tok/s  AL %.2f%n", p.category() + "/" + p.name(), spec.label(),
                                m.tokensPerSecond(), m.acceptedLength());
                    }
                    pj.add("methods", mj);
                    perPrompt.add(pj);
                }
                if (ctrlC.stopped()) {
                    System.err.println("bench: cancelled; the figures below are of the finished runs only");
                }
                printTable(agg, arAgg, family);
                if (json != null) {
                    JsonObject root = new JsonObject();
                    root.addProperty("device", device);
                    root.addProperty("machine", machine());
                    root.addProperty("compute_dtype", family.target().computeDtype().name());
                    root.addProperty("max_new_tokens", options.maxNewTokens);
                    root.addProperty("repeats", repeats);
                    root.addProperty("greedy", options.sampling().greedy());
                    root.add("prompts", perPrompt);
                    root.add("summary", summaryJson(agg, arAgg));
                    root.addProperty("cancelled", ctrlC.stopped());
                    OutputFiles.write(json, "--json", () -> Files.writeString(json,
                            StrictJson.toJson(StrictJson.report(), root), StandardCharsets.UTF_8));
                }
            }
        }
        return 0;
    }

    private List<MethodSpec> expand(ModelFamily family) {
        List<MethodSpec> out = new ArrayList<>();
        for (String m : methods) {
            if (m.trim().toLowerCase(java.util.Locale.ROOT).startsWith("csd:")) { // csd:<paper preset>
                out.add(PaperPreset.parse(m.trim().substring(4)).spec().withBottom(options.bottom));
                continue;
            }
            MethodSpec.Method method = MethodSpec.Method.parse(m.trim());
            if (method == MethodSpec.Method.AR) {
                out.add(0, MethodSpec.ar()); // the baseline runs first for every prompt
            } else if (method == MethodSpec.Method.SD && options.sdDrafter == null) {
                for (LoadedModel d : family.drafts()) {
                    out.add(new MethodSpec(method, options.k, options.lenience(), 1, null, d.name()));
                }
                for (DrafterKind kind : DrafterKinds.withRole(DrafterKind.Role.STATISTICAL)) {
                    out.add(new MethodSpec(method, options.k, options.lenience(), 1, null, kind.id()));
                }
            } else {
                out.add(options.spec(method));
            }
        }
        if (out.isEmpty() || out.get(0).method() != MethodSpec.Method.AR) {
            out.add(0, MethodSpec.ar());
        }
        return out;
    }

    private static void printTable(Map<String, List<double[]>> agg, Map<String, Map<String, int[]>> arAgg, ModelFamily f) {
        System.out.printf("%n%-34s %9s %8s %6s %8s %8s %9s %9s  %s%n", "method", "tok/s", "speedup", "AL", "SWI-size",
                "SWI-meas", "expected", "lossless", "AR per drafter");
        for (Map.Entry<String, List<double[]>> e : agg.entrySet()) {
            double sec = 0, tok = 0, steps = 0, base = 0, swiS = 0, swiM = 0, exp = 0;
            int ident = 0;
            for (double[] r : e.getValue()) {
                sec += r[0];
                tok += r[1];
                steps += r[2];
                base += r[3];
                swiS += r[4];
                swiM += r[5];
                exp += r[6];
                ident += (int) r[7];
            }
            int n = e.getValue().size();
            StringBuilder ar = new StringBuilder();
            arAgg.get(e.getKey()).forEach((who, a) -> ar.append(String.format("%s %.2f  ", who, a[1] == 0 ? Double.NaN : a[0] / (double) a[1])));
            System.out.printf("%-34s %9.1f %7.2fx %6.2f %8.2f %8.2f %8.2fx %6d/%-2d  %s%n", e.getKey(), tok / sec,
                    base / sec, tok / steps, swiS / n, swiM / n, exp / n, ident, n, ar);
        }
        System.out.printf("(speedup = total AR decode time / total method decode time over the prompt set, same tokens; machine: %s;"
                + " compute %s, file %s)%n", machine(), f.target().computeDtype(), f.target().config().torchDtype());
    }

    private static JsonObject summaryJson(Map<String, List<double[]>> agg, Map<String, Map<String, int[]>> arAgg) {
        JsonObject s = new JsonObject();
        agg.forEach((label, rows) -> {
            double sec = rows.stream().mapToDouble(r -> r[0]).sum();
            double tok = rows.stream().mapToDouble(r -> r[1]).sum();
            double steps = rows.stream().mapToDouble(r -> r[2]).sum();
            double base = rows.stream().mapToDouble(r -> r[3]).sum();
            JsonObject o = new JsonObject();
            o.addProperty("tokens_per_second", tok / sec);
            o.addProperty("speedup", base / sec);
            o.addProperty("AL", tok / steps);
            o.addProperty("SWI_size", rows.stream().mapToDouble(r -> r[4]).average().orElse(Double.NaN));
            o.addProperty("SWI_measured", rows.stream().mapToDouble(r -> r[5]).average().orElse(Double.NaN));
            o.addProperty("expected_speedup", rows.stream().mapToDouble(r -> r[6]).average().orElse(Double.NaN));
            o.addProperty("lossless_identical", (int) rows.stream().mapToDouble(r -> r[7]).sum() + "/" + rows.size());
            JsonObject ar = new JsonObject();
            arAgg.get(label).forEach((who, a) -> ar.addProperty(who, a[1] == 0 ? Double.NaN : a[0] / (double) a[1]));
            o.add("AR", ar);
            s.add(label, o);
        });
        return s;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception ignored) {
            // not Linux: keep "unknown CPU"
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }
}
