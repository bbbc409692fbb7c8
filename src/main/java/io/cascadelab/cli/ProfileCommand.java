package io.cascadelab.cli;

import ai.djl.Device;
import io.cascadelab.decode.CostProbe;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;
import io.cascadelab.util.AppPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;

/** {@code profile}: load time, forward cost per token count and context length, and memory of one model. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Benchmark one model folder: load time, ms per forward (1 and k+1 tokens) at several context lengths, memory.")
public final class ProfileCommand implements Callable<Integer> {

    @Option(names = "--model", description = "model folder (default: the embedded target)") Path model;
    @Option(names = "--contexts", split = ",", defaultValue = "16,128,384", description = "context lengths (default: ${DEFAULT-VALUE})") int[] contexts;
    @Option(names = "--max-k", defaultValue = "8", description = "measure forwards of 1..k+1 tokens (default: ${DEFAULT-VALUE})") int maxK;
    @Option(names = "--repeats", defaultValue = "30") int repeats;
    @Option(names = "--memory-steps", defaultValue = "0", description = "run this many single-token steps and report memory before/after (e.g. 10000)") int memorySteps;

    @Override
    public Integer call() {
        Device dev = DjlEnvironment.configuredDevice();
        Path dir = model != null ? model : AppPaths.embeddedFamily().resolve("target");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model folder " + dir + " does not exist");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        if (maxK < 0) {
            throw new IllegalArgumentException("--max-k must be 0 or more, got " + maxK);
        }
        for (int ctx : contexts) {
            if (ctx < 1) {
                throw new IllegalArgumentException("--contexts: a context length must be at least 1 token, got " + ctx);
            }
        }
        try (LoadedModel m = LoadedModel.load(dir, dev)) {
            for (int ctx : contexts) {
                if (ctx + maxK + 2 > m.config().maxPositions()) {
                    throw new IllegalArgumentException("--contexts: " + ctx + " + " + (maxK + 2) + " tokens exceed "
                            + m.name() + "'s context of " + m.config().maxPositions() + " positions");
                }
            }
            System.out.printf("model %s: %s, %,d parameters, %d layers, hidden %d, vocab %d, device %s, compute %s"
                            + " (file %s)%n", m.name(), m.config().architecture().className(), m.parameterCount(),
                    m.config().numLayers(), m.config().hiddenSize(), m.config().vocabSize(), dev, m.computeDtype(),
                    m.config().torchDtype());
            System.out.printf("load time: %.0f ms; weights %.1f MB in memory (projections %s, norms F32)%n",
                    m.loadNanos() / 1e6, m.weightBytes() / 1e6, m.computeDtype());
            System.out.print("ms per forward (median of " + repeats + ")\n  context");
            for (int n = 1; n <= maxK + 1; n++) {
                System.out.printf("%8s", n + " tok");
            }
            System.out.println();
            Random r = new Random(1);
            for (int ctx : contexts) {
                System.out.printf("  %7d", ctx);
                try (ModelSession s = CostProbe.primed(m, ctx, maxK + 2, r)) {
                    for (int n = 1; n <= maxK + 1; n++) {
                        System.out.printf("%8.2f", CostProbe.median(s, ctx, n, repeats, r, m.config().vocabSize()) / 1e6);
                    }
                }
                System.out.println();
            }
            System.out.printf("heap used %.0f MB, process RSS %.0f MB%n", heapMb(), rssMb());
            if (memorySteps > 0) {
                memoryRun(m, r);
            }
        }
        return 0;
    }

    private void memoryRun(LoadedModel m, Random r) {
        int window = Math.min(256, m.config().maxPositions() - 2);
        try (ModelSession s = CostProbe.primed(m, 1, window + 1, r)) {
            double before = rssMb();
            double peak = before;
            for (int i = 0; i < memorySteps; i++) {
                if (s.length() >= window) {
                    s.truncate(1);
                }
                s.forward(new int[] {r.nextInt(m.config().vocabSize())}, false);
                if (i % 1000 == 999) {
                    peak = Math.max(peak, rssMb());
                }
            }
            System.out.printf("memory over %,d steps: RSS %.0f MB before, %.0f MB after, peak %.0f MB%n",
                    memorySteps, before, rssMb(), peak);
        }
    }

    private static double heapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    /** Resident set size from /proc (Linux); NaN elsewhere. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
