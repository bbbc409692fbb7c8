package io.cascadelab.cli;

import io.cascadelab.sim.SimResult;
import io.cascadelab.sim.SimSettings;
import io.cascadelab.sim.SimSweep;
import io.cascadelab.sim.StandIn;
import io.cascadelab.trace.TraceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simulate}: the real engine on stand-in models with given acceptance and costs; no model is loaded. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the real speculative/cascade engine on synthetic tokens with stand-in drafters of given "
                + "acceptance (per draft position) and cost; print simulated AL and speedup next to the formula's.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--drafter", paramLabel = "NAME:ACCEPTANCE[:COST]",
            description = "a stand-in drafter, largest first, e.g. draft-mid:0.85,0.8:0.15; the last one is the "
                    + "Max-Gram stand-in (cost 0). Default: MaG:0.8")
    List<String> drafters = new ArrayList<>(List.of("MaG:0.8"));

    @Option(names = "--k", defaultValue = "6", description = "draft tokens per target step (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--lenience", defaultValue = "1.0", description = "lenience between draft levels (default: ${DEFAULT-VALUE})")
    double lenience;

    @Option(names = "--tokens", defaultValue = "20000", description = "tokens to generate (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--sweep", description = "run every k from 1 to 12 and print one line each")
    boolean sweep;

    @Option(names = "--trace", description = "write the run's trace (JSON Lines; replayable in the app)")
    Path trace;

    @Override
    public Integer call() throws Exception {
        SimSettings s = new SimSettings(parse(drafters), k, lenience, tokens, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.println("  k   steps  AL sim  AL formula  speedup sim  expected  AR per drafter");
        List<SimResult> results = sweep ? SimSweep.overK(s, 1, 12, () -> false, kk -> { })
                : SimSweep.overK(s, k, k, () -> false, kk -> { });
        for (SimResult r : results) {
            StringBuilder ar = new StringBuilder();
            for (Map.Entry<String, Double> e : r.metrics().acceptanceRate().entrySet()) {
                ar.append(String.format(Locale.ROOT, "  %s %.3f", e.getKey(), e.getValue()));
            }
            out.printf(Locale.ROOT, "%3d  %6d  %6.3f  %10s  %10.3fx  %7.3fx%s%n", r.trace().header().kMatrix()[0].length == 0 ? 0
                            : java.util.Arrays.stream(r.trace().header().kMatrix()[0]).sum(), r.metrics().steps(),
                    r.metrics().acceptedLength(), Double.isNaN(r.formulaAl()) ? "—" : String.format(Locale.ROOT, "%.3f", r.formulaAl()),
                    r.simulatedSpeedup(), r.expectedSpeedup(), ar);
        }
        if (trace != null) {
            TraceFile.write(trace, results.get(results.size() - 1).trace());
        }
        return 0;
    }

    private static List<StandIn> parse(List<String> specs) {
        List<StandIn> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String[] p = specs.get(i).split(":");
            if (p.length < 2 || p.length > 3) {
                throw new IllegalArgumentException("--drafter '" + specs.get(i) + "': write NAME:ACCEPTANCE[:COST], e.g. draft-mid:0.85,0.8:0.15");
            }
            double cost;
            try {
                cost = p.length == 3 ? Double.parseDouble(p[2]) : 0;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--drafter '" + specs.get(i) + "': cost '" + p[2] + "' is not a number");
            }
            out.add(new StandIn(p[0], SimSweep.parseAcceptance(p[0], p[1]), i == specs.size() - 1 ? 0 : cost));
        }
        return out;
    }
}
