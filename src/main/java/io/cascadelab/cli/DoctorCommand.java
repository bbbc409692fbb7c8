package io.cascadelab.cli;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.catalog.LocalModels;
import io.cascadelab.doctor.Doctor;
import io.cascadelab.doctor.DoctorReport;
import io.cascadelab.doctor.ReportText;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.util.AppPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code doctor}: can these drafters work with this target, and how often will their drafts be accepted? */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check target/drafter compatibility (vocabulary, tokenizer, special tokens, context length, "
                + "speculator hidden size; for encoder-decoders such as T5 also both being encoder-decoders and their "
                + "decoder start token) and probe acceptance with a short run. Exit code 1 when a pair cannot run together.")
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--family", description = "family folder (target/, draft-*/, speculator/); default: the embedded family")
    Path family;

    @Option(names = "--target", description = "target model folder or cached hub id (then give --drafter and/or --speculator)")
    Path target;

    @Option(names = "--drafter", description = "draft model folder or cached hub id to check against the target (repeatable)")
    List<Path> drafters = new ArrayList<>();

    @Option(names = "--speculator", description = "MLP speculator folder to check against the target")
    Path speculator;

    @Option(names = "--probe-tokens", defaultValue = "48", description = "tokens of the acceptance probe; 0 skips it (default: ${DEFAULT-VALUE})")
    int probeTokens;

    @Option(names = "--k", defaultValue = "4", description = "draft tokens per target step in the probe (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--prompt", description = "probe prompt, the input an encoder-decoder's encoder reads"
            + " (default: a sentence of plain English prose)")
    String prompt = Doctor.PROBE_PROMPT;

    @Override
    public Integer call() {
        LocalModels cache = LocalModels.ofThisComputer();
        Path t = target == null ? null : cache.resolve(target);
        List<Path> pairs = new ArrayList<>(drafters.stream().map(cache::resolve).toList());
        if (speculator != null) {
            pairs.add(speculator);
        }
        if (t == null) {
            Path dir = family != null ? family : AppPaths.embeddedFamily();
            t = dir.resolve("target");
            if (!Files.isDirectory(t)) {
                throw new ModelLoadException("no model family at " + dir + ": pass --target DIR with --drafter DIR, or --family DIR");
            }
            if (pairs.isEmpty()) {
                pairs.addAll(familyDrafters(dir));
            }
        }
        if (pairs.isEmpty()) {
            throw new ModelLoadException("nothing to check against " + t + ": pass --drafter DIR or --speculator DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean all = true;
        for (Path d : pairs) {
            DoctorReport r = Doctor.examine(t, d, new Doctor.Probe(probeTokens, k, prompt), DjlEnvironment.configuredDevice(),
                    () -> false, msg -> spec.commandLine().getErr().println(msg));
            out.print(ReportText.of(r));
            out.flush();
            all &= r.compatible();
        }
        return all ? 0 : 1;
    }

    private static List<Path> familyDrafters(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("draft")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new ModelLoadException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Path spec = dir.resolve(ModelFamily.SPECULATOR_DIR);
        if (Files.isRegularFile(spec.resolve("config.json"))) {
            out.add(spec);
        }
        return out;
    }
}
