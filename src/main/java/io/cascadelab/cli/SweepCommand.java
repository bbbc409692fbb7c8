package io.cascadelab.cli;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.Figures;
import io.cascadelab.tune.GapExplainer;
import io.cascadelab.tune.GridSpec;
import io.cascadelab.tune.Metric;
import io.cascadelab.tune.Recommendation;
import io.cascadelab.tune.SweepCsv;
import io.cascadelab.tune.SweepJson;
import io.cascadelab.tune.SweepListener;
import io.cascadelab.tune.SweepPlan;
import io.cascadelab.tune.SweepProgress;
import io.cascadelab.tune.SweepPrompt;
import io.cascadelab.tune.SweepResult;
import io.cascadelab.tune.SweepRunner;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sweep}: measures a grid of settings (k × lenience, k × depth, two k-matrix entries, or a
 * k policy against another setting) on a prompt set; prints the speedup heat map, expected vs
 * measured with the gap explained, and the recommendation; writes CSV and JSON the window can open.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sweep a grid of settings on a prompt set: heat map, expected vs measured, recommendation.")
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "k=2,4,6",
            description = "grid rows, axis=values: k, lenience, depth, policy or a k-matrix entry K[r][c] (default: ${DEFAULT-VALUE})")
    String rows;

    @Option(names = "--cols", defaultValue = "lenience=1,2,3", description = "grid columns, same form (default: ${DEFAULT-VALUE})")
    String cols;

    @Option(names = "--method", defaultValue = "csd", description = "sd, csd or spec; the other settings come from --k, --lenience, --depth, ... (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--prompts", description = "prompt folder (category subfolders of *.txt) or one file; default: sample-prompts/")
    Path prompts;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed runs per configuration and prompt (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--repeats", defaultValue = "1", description = "timed runs per configuration and prompt; the median counts (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--csv", description = "write every figure to this CSV file (the window opens it)")
    Path csv;

    @Option(names = "--json", description = "write every figure to this JSON file (the window opens it)")
    Path json;

    @Option(names = "--show", description = "print a sweep saved with --csv/--json (or by the window) instead of running one")
    Path show;

    @Mixin ModelOptions models;
    @Mixin MethodOptions options;

    @Override
    public Integer call() throws Exception {
        if (show != null) {
            print(SweepJson.readAny(show), System.out);
            return 0;
        }
        OutputFiles.checkCreatable(csv, "--csv");
        OutputFiles.checkCreatable(json, "--json");
        GridSpec grid = GridSpec.parse(rows, cols);
        MethodSpec base = options.spec(MethodSpec.Method.parse(method));
        grid.expand(base); // a bad cell is reported before any model loads
        Path folder = prompts != null ? prompts : AppPaths.samplePrompts();
        List<PromptLibrary.Prompt> set;
        try {
            set = PromptLibrary.load(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage() + ": pass --prompts with a folder of <category>/*.txt files or one .txt file");
        }
        String device = DjlEnvironment.configuredDevice().toString();
        try (ModelFamily family = models.load()) {
            SweepPlan plan = new SweepPlan(grid, base, SweepPrompt.encode(set, family.target().tokenizer()),
                    options.sampling(), options.maxNewTokens, warmups, repeats);
            System.err.printf(Locale.ROOT, "sweep: %s x %s of %s on %d prompts, %d new tokens, %d warm-up + %d timed runs each, device %s%n",
                    rows, cols, base.label(), set.size(), options.maxNewTokens, warmups, repeats, device);
            // Ctrl-C ends the cell in progress; the finished cells are printed and saved before the JVM exits
            try (CtrlC ctrlC = CtrlC.install()) {
                ProgressBar bar = new ProgressBar(System.err);
                SweepResult result = new SweepRunner(family, plan, device).run(new SweepListener() {
                    @Override
                    public void progress(SweepProgress p) {
                        bar.update(p.done(), p.total(), p.current(), p.etaSeconds());
                    }

                    @Override
                    public void cellFinished(CellResult c) {
                        Figures f = c.figures();
                        bar.log(String.format(Locale.ROOT, "  %-44s speedup %s  expected %s  AL %.2f", c.label(),
                                Metric.SPEEDUP.format(f.speedup()), Metric.EXPECTED.format(f.expected()), f.acceptedLength()));
                    }
                }, ctrlC::stopped);
                print(result, System.out);
                if (csv != null) {
                    OutputFiles.write(csv, "--csv", () -> SweepCsv.write(result, csv));
                }
                if (json != null) {
                    OutputFiles.write(json, "--json", () -> SweepJson.write(result, json));
                }
            }
        }
        return 0;
    }

    static void print(SweepResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%nwall-clock speedup over plain decoding (rows %s, columns %s)%s%n", r.rowAxis(), r.colAxis(),
                r.cancelled() ? " - cancelled, finished cells only" : "");
        out.printf("%-10s", r.rowAxis());
        r.colValues().forEach(v -> out.printf("%13s", r.colAxis() + "=" + v));
        out.println();
        for (int i = 0; i < r.rowValues().size(); i++) {
            out.printf("%-10s", r.rowValues().get(i));
            for (int j = 0; j < r.colValues().size(); j++) {
                out.printf("%13s", r.cell(i, j).map(c -> Metric.SPEEDUP.format(c.figures().speedup())).orElse("-"));
            }
            out.println();
        }
        out.printf(Locale.ROOT, "%n%-44s %8s %9s %6s %5s %8s %8s %7s %8s%n", "configuration", "speedup", "expected", "AL", "AR",
                "SWI-size", "SWI-meas", "tok/s", "lossless");
        if (r.reference() != null) {
            row(out, r.reference(), " (default)");
        }
        r.cells().forEach(c -> row(out, c, ""));
        out.println();
        for (CellResult c : r.cells()) {
            if (GapExplainer.isLarge(c.figures())) {
                out.println(c.label() + ": " + GapExplainer.explain(c.figures()));
            }
        }
        Recommendation rec = Recommendation.of(r, Metric.SPEEDUP);
        if (rec != null) {
            out.println();
            out.println(rec.describe());
            Recommendation.repeatability(r).ifPresent(out::println);
        }
    }

    private static void row(PrintStream out, CellResult c, String note) {
        Figures f = c.figures();
        out.printf(Locale.ROOT, "%-44s %8s %8s %6.2f %5.2f %8.2f %8.2f %7.1f %8s%n", c.label() + note,
                Metric.SPEEDUP.format(f.speedup()), Metric.EXPECTED.format(f.expected()), f.acceptedLength(),
                f.acceptanceRate(), f.swiSize(), f.swiMeasured(), f.tokensPerSecond(),
                f.identical() < 0 ? "n/a" : f.identical() + "/" + f.prompts());
    }
}
