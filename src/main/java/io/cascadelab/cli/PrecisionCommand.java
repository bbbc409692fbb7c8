package io.cascadelab.cli;

import ai.djl.Device;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.PrecisionCheck;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code precision}: how far a lower compute dtype moves one model's logits and greedy output from float32. */
@Command(name = "precision", mixinStandardHelpOptions = true,
        description = "Decode each prompt greedily with the model in float32 and in a lower compute dtype; print the"
                + " largest logit difference while their tokens agree and where (and at what float32 top-2 margin)"
                + " the greedy outputs first differ.")
public final class PrecisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "model folder (default: the embedded target)") Path model;
    @Option(names = "--candidate", defaultValue = "f16", description = "dtype compared with f32 (default: ${DEFAULT-VALUE})") String candidate;
    @Option(names = "--tokens", defaultValue = "64", description = "greedy tokens per prompt (default: ${DEFAULT-VALUE})") int tokens;
    @Option(names = "--prompts", description = "prompt folder (category subfolders of *.txt) or one file; default: sample-prompts/") Path prompts;

    @Override
    public Integer call() throws IOException {
        ComputeDType dtype = ComputeDType.parse(candidate);
        if (dtype == ComputeDType.F32) {
            throw new IllegalArgumentException("--candidate f32 would compare float32 with itself: give f16");
        }
        if (tokens < 1) {
            throw new IllegalArgumentException("--tokens must be at least 1, got " + tokens);
        }
        Path dir = model != null ? model : AppPaths.embeddedFamily().resolve("target");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model folder " + dir + " does not exist");
        }
        List<PromptLibrary.Prompt> set = PromptLibrary.load(prompts != null ? prompts : AppPaths.samplePrompts());
        PrintWriter out = spec.commandLine().getOut();
        Device device = DjlEnvironment.configuredDevice();
        try (LoadedModel ref = LoadedModel.load(dir, device, ComputeDType.F32);
             LoadedModel cand = LoadedModel.load(dir, device, dtype)) {
            out.printf(Locale.ROOT, "precision of %s: %s against F32, device %s, weights %.1f MB (F32) and %.1f MB (%s)%n",
                    ref.name(), dtype, device, ref.weightBytes() / 1e6, cand.weightBytes() / 1e6, dtype);
            int identical = 0;
            double worst = 0;
            int room = ref.config().maxPositions() - tokens - 1; // prompt positions left beside the decoded tokens
            for (PromptLibrary.Prompt p : set) {
                int[] ids = ref.tokenizer().encode(p.text());
                if (ids.length > room) {
                    ids = Arrays.copyOfRange(ids, ids.length - room, ids.length);
                }
                PrecisionCheck.Result r = PrecisionCheck.compare(ref, cand, ids, tokens);
                worst = Math.max(worst, r.maxAbsDiff());
                identical += r.greedyIdentical() ? 1 : 0;
                out.printf(Locale.ROOT, "  %-28s max |Δlogit| %.4f (logits up to %.1f), smallest F32 top-2 margin %.4f, %s%n",
                        p.category() + "/" + p.name(), r.maxAbsDiff(), r.logitScale(), r.smallestMargin(),
                        r.greedyIdentical() ? "greedy identical over " + r.tokens() + " tokens"
                                : String.format(Locale.ROOT, "greedy differs at token %d (F32 top-2 margin there %.4f)",
                                r.firstDivergence(), r.marginAtDivergence()));
            }
            out.printf(Locale.ROOT, "greedy identical on %d of %d prompts; largest |Δlogit| %.4f%n", identical, set.size(), worst);
        }
        return 0;
    }
}
