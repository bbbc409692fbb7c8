package io.cascadelab.doctor;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.decode.DraftModelLevel;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.speculator.SpeculatorSpec;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.gguf.GgufModel;
import io.cascadelab.gguf.ModelFiles;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
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
 * from their config and tokenizer files, then, if they can run together, probes acceptance. Pairs
 * of encoder-decoders (T5) are probed as their runs go: the encoder reads the probe prompt.
 */
public final class Doctor {

    /** The probe's default prompt: plain English prose. */
    public static final String PROBE_PROMPT = "In the beginning God created the heaven and the earth. And the earth was";

    /**
     * How to probe.
     *
     * @param tokens tokens to generate (0 = no probe)
     * @param prompt the text a decoder-only pair continues, or an encoder-decoder pair's encoder reads
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
            // a speculator reads the target's decoder states, so it drafts however the target reads its input
            boolean encoderDecoder = target.encoderDecoder();
            if (speculator) {
                findings.addAll(PairChecks.speculator(target, drafterName, MlpSpeculatorConfig.read(drafterDir)));
            } else {
                ModelSide drafter = side(drafterDir);
                try {
                    findings.addAll(PairChecks.drafter(target, drafter));
                    encoderDecoder &= drafter.encoderDecoder();
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
            return new DoctorReport(target.name(), drafterName, findings, result, encoderDecoder);
        } finally {
            close(target);
        }
    }

    /** Loads the pair and runs the probe the way a run of the family would (its {@link ModelFamily#input}). */
    private static ProbeResult probe(Path targetDir, Path drafterDir, boolean speculator, int[] prompt, Probe probe,
                                     Device device, BooleanSupplier cancelled) {
        try (ModelFamily family = new ModelFamily(ModelFiles.load(targetDir, device), List.of(), null)) {
            if (speculator) {
                try (MlpSpeculator s = MlpSpeculator.load(drafterDir, device)) {
                    int heads = Math.min(probe.k(), s.config().nPredict());
                    return AcceptanceProbe.run(family, new SpeculatorSpec(s, heads, false), prompt,
                            probe.tokens(), heads, cancelled);
                }
            }
            try (LoadedModel drafter = ModelFiles.load(drafterDir, device)) {
                return AcceptanceProbe.run(family, new DraftModelLevel(drafter), prompt, probe.tokens(), probe.k(), cancelled);
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
            ModelConfig config = ConfigReader.read(dir);
            // ModelConfig leaves pad_token_id out (decoding never pads); the doctor compares it for T5 pairs
            int pad = padTokenId(dir.resolve("generation_config.json"), padTokenId(dir.resolve("config.json"), -1));
            return new ModelSide(dir.getFileName().toString(), config, tok, pad);
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
            JsonElement e = readJson(file);
            return e.isJsonObject() && e.getAsJsonObject().has("model_type")
                    && MlpSpeculatorConfig.MODEL_TYPE.equals(e.getAsJsonObject().get("model_type").getAsString());
        } catch (IllegalStateException | UnsupportedOperationException ex) {
            throw new ModelLoadException(file + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    /** {@code file}'s pad_token_id when the file exists and gives a single id, else {@code fallback}. */
    private static int padTokenId(Path file, int fallback) {
        if (!Files.isRegularFile(file)) {
            return fallback;
        }
        JsonElement e = readJson(file);
        JsonElement pad = e.isJsonObject() ? e.getAsJsonObject().get("pad_token_id") : null;
        return pad != null && pad.isJsonPrimitive() && pad.getAsJsonPrimitive().isNumber() ? pad.getAsInt() : fallback;
    }

    private static JsonElement readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new ModelLoadException("cannot read " + file + ": " + ex.getMessage(), ex);
        } catch (JsonParseException ex) {
            throw new ModelLoadException(file + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    private static void close(ModelSide side) {
        if (side.tokenizer() != null) {
            side.tokenizer().close();
        }
    }
}
