package io.cascadelab.doctor;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.decode.DraftModelLevel;
import io.cascadelab.draft.speculator.SpeculatorSpec;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.gguf.GgufModel;
import io.cascadelab.gguf.ModelFiles;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TextTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The compatibility doctor: checks a target and a drafter (draft model or MLP speculator folder)
 * from their config and tokenizer files, then, if they can run together, probes acceptance.
 */
public final class Doctor {

    /** The probe's default prompt: plain English prose. */
    public static final String PROBE_PROMPT = "In the beginning God created the heaven and the earth. And the earth was";

    /**
     * How to probe.
     *
     * @param tokens tokens to generate (0 = no probe)
     */
    public record Probe(int tokens, int k, String prompt) {
    }

    private Doctor() {
    }

    /** Examines {@code drafterDir} against {@code targetDir}; {@code progress} hears what it is doing. */
    public static DoctorReport examine(Path targetDir, Path drafterDir, Probe probe, Device device,
                                       BooleanSupplier cancelled, Consumer<String> progress) {
        progress.accept("Reading " + targetDir.getFileName() + " and " + drafterDir.getFileName() + "…");
        boolean speculator = isSpeculator(drafterDir);
        ModelSide target = side(targetDir);
        try {
            List<Finding> findings = new ArrayList<>();
            String drafterName = drafterDir.getFileName().toString();
            if (speculator) {
                findings.addAll(PairChecks.speculator(target, drafterName, MlpSpeculatorConfig.read(drafterDir)));
            } else {
                ModelSide drafter = side(drafterDir);
                try {
                    findings.addAll(PairChecks.drafter(target, drafter));
                } finally {
                    close(drafter);
                }
            }
            ProbeResult result = null;
            boolean runnable = findings.stream().noneMatch(f -> f.status() == Finding.Status.PROBLEM);
            if (runnable && probe.tokens() > 0 && target.tokenizer() != null) {
                progress.accept("Loading the models for a " + probe.tokens() + "-token probe…");
                result = probe(targetDir, drafterDir, speculator, target.tokenizer().encode(probe.prompt()), probe,
                        device, cancelled);
                findings.add(AcceptanceProbe.finding(result));
            } else if (probe.tokens() > 0) {
                findings.add(new Finding("acceptance probe", Finding.Status.WARNING,
                        runnable ? "not run: the target has no tokenizer.json to encode the probe prompt" : "not run: fix the problems above first",
                        ""));
            }
            return new DoctorReport(target.name(), drafterName, findings, result);
        } finally {
            close(target);
        }
    }

    private static ProbeResult probe(Path targetDir, Path drafterDir, boolean speculator, int[] prompt, Probe probe,
                                     Device device, BooleanSupplier cancelled) {
        try (LoadedModel target = ModelFiles.load(targetDir, device)) {
            if (speculator) {
                try (MlpSpeculator s = MlpSpeculator.load(drafterDir, device)) {
                    int heads = Math.min(probe.k(), s.config().nPredict());
                    return AcceptanceProbe.run(target, new SpeculatorSpec(s, heads, false), prompt,
                            probe.tokens(), heads, cancelled);
                }
            }
            try (LoadedModel drafter = ModelFiles.load(drafterDir, device)) {
                return AcceptanceProbe.run(target, new DraftModelLevel(drafter), prompt, probe.tokens(), probe.k(), cancelled);
            }
        }
    }

    /** Config and tokenizer of a model folder (no weights). */
    static ModelSide side(Path dir) {
        if (ModelFiles.isGguf(dir)) {
            TextTokenizer tok = GgufModel.tokenizer(dir);
            return new ModelSide(dir.getFileName().toString(), GgufModel.config(dir), tok);
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir + " is not a folder: choose a model folder (config.json, tokenizer.json, *.safetensors)");
        }
        TextTokenizer tok = Files.isRegularFile(dir.resolve("tokenizer.json")) ? TextTokenizer.load(dir) : null;
        try {
            return new ModelSide(dir.getFileName().toString(), ConfigReader.read(dir), tok);
        } catch (RuntimeException e) {
            if (tok != null) {
                tok.close();
            }
            throw e;
        }
    }

    /** True when {@code dir/config.json} declares model_type mlp_speculator. */
    static boolean isSpeculator(Path dir) {
        if (ModelFiles.isGguf(dir)) {
            return false;
        }
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("no config.json in " + dir + ": choose a model folder (config.json, tokenizer.json, *.safetensors)");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            return e.isJsonObject() && e.getAsJsonObject().has("model_type")
                    && MlpSpeculatorConfig.MODEL_TYPE.equals(e.getAsJsonObject().get("model_type").getAsString());
        } catch (IOException ex) {
            throw new ModelLoadException("cannot read " + file + ": " + ex.getMessage(), ex);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException ex) {
            throw new ModelLoadException(file + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    private static void close(ModelSide side) {
        if (side.tokenizer() != null) {
            side.tokenizer().close();
        }
    }
}
