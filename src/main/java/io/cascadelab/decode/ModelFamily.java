package io.cascadelab.decode;

import ai.djl.Device;
import io.cascadelab.draft.BigramTable;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.gguf.ModelFiles;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TokenizerMismatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A target, its draft models (largest first), the Max-Gram bigram table and optionally an MLP
 * speculator trained for the target: the models one run draws on. Drafters must share the target's
 * tokenizer (and a speculator its hidden size and vocabulary); pairing anything else is refused.
 *
 * @param speculator the target's MLP speculator, or null
 */
public record ModelFamily(LoadedModel target, List<LoadedModel> drafts, BigramTable bigram, MlpSpeculator speculator)
        implements AutoCloseable {

    /** File name of the bigram table, stored next to the target. */
    public static final String BIGRAM_FILE = "bigram.bin";

    /** Folder name of a family's MLP speculator. */
    public static final String SPECULATOR_DIR = "speculator";

    public ModelFamily {
        drafts = List.copyOf(drafts);
    }

    /** A family without a speculator. */
    public ModelFamily(LoadedModel target, List<LoadedModel> drafts, BigramTable bigram) {
        this(target, drafts, bigram, null);
    }

    /** This family with {@code speculator} (checked against the target) in place of its own; null keeps its own. */
    public ModelFamily withSpeculator(Path speculatorDir, Device device) {
        if (speculatorDir == null) {
            return this;
        }
        MlpSpeculator s = MlpSpeculator.load(speculatorDir, device);
        try {
            s.checkTarget(target.config(), target.name());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (speculator != null) {
            speculator.close();
        }
        return new ModelFamily(target, drafts, bigram, s);
    }

    /**
     * Loads a family folder: {@code target/} plus {@code draft-*}/ folders (+ target/bigram.bin,
     * + {@code speculator/} when present).
     */
    public static ModelFamily loadFolder(Path dir, Device device) {
        return loadFolder(dir, device, ComputeDType.configured());
    }

    /** As {@link #loadFolder(Path, Device)}, every model computing in {@code dtype} (the speculator in F32). */
    public static ModelFamily loadFolder(Path dir, Device device, ComputeDType dtype) {
        Path target = dir.resolve("target");
        if (!Files.isDirectory(target)) {
            throw new ModelLoadException(dir + " is not a model family folder: no target/ subfolder");
        }
        List<Path> drafts = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("draft")).sorted().forEach(drafts::add);
        } catch (IOException e) {
            throw new ModelLoadException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        ModelFamily f = load(target, drafts, device, dtype);
        Path spec = dir.resolve(SPECULATOR_DIR);
        if (Files.isRegularFile(spec.resolve("config.json"))) {
            try {
                return f.withSpeculator(spec, device);
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
        }
        return f;
    }

    /**
     * What the user should know about the loaded models: config.json keys that no loader reads
     * and that are not known to be irrelevant (they might change the computation), and F16 compute
     * on a CPU (slow).
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        List<LoadedModel> all = new ArrayList<>();
        all.add(target);
        all.addAll(drafts);
        for (LoadedModel m : all) {
            if (!m.config().unreadKeys().isEmpty()) {
                out.add(m.name() + "/config.json has keys CascadeLab does not read: "
                        + String.join(", ", m.config().unreadKeys())
                        + "; if they change the computation, results may differ from transformers");
            }
        }
        if (target.computeDtype() == ComputeDType.F16 && !target.manager().getDevice().isGpu()) {
            out.add("the models compute in F16 on the CPU, which libtorch does 15-35x more slowly than F32 (no"
                    + " vectorised F16 matmul); F16 is meant for GPUs: choose f32 for speed on this machine");
        }
        return out;
    }

    /** Loads a target and drafters from their folders and checks they fit together. */
    public static ModelFamily load(Path target, List<Path> drafters, Device device) {
        return load(target, drafters, device, ComputeDType.configured());
    }

    /** As {@link #load(Path, List, Device)}, every model computing in {@code dtype}. */
    public static ModelFamily load(Path target, List<Path> drafters, Device device, ComputeDType dtype) {
        LoadedModel t = ModelFiles.load(target, device, dtype);
        List<LoadedModel> ds = new ArrayList<>();
        try {
            for (Path p : drafters) {
                LoadedModel d = ModelFiles.load(p, device, dtype);
                ds.add(d);
                checkCompatible(t, d);
            }
            ds.sort(Comparator.comparingLong(LoadedModel::parameterCount).reversed());
            return new ModelFamily(t, ds, loadBigram(target));
        } catch (RuntimeException e) {
            t.close();
            ds.forEach(LoadedModel::close);
            throw e;
        }
    }

    /**
     * Refuses a drafter whose vocabulary or tokenizer differs from the target's, or that reads its
     * input differently (an encoder-decoder's drafters are encoder-decoders with its start token).
     */
    public static void checkCompatible(LoadedModel target, LoadedModel drafter) {
        ModelConfig.Encoder te = target.config().encoder(), de = drafter.config().encoder();
        if ((te == null) != (de == null)) {
            throw new ModelLoadException("cannot pair " + drafter.name() + " with " + target.name() + ": "
                    + (te != null ? target.name() : drafter.name()) + " is an encoder-decoder and "
                    + (te != null ? drafter.name() : target.name()) + " is decoder-only; a drafter must read the"
                    + " input as the target does");
        }
        if (te != null && te.decoderStartTokenId() != de.decoderStartTokenId()) {
            throw new ModelLoadException("cannot pair " + drafter.name() + " with " + target.name()
                    + ": decoder_start_token_id " + de.decoderStartTokenId() + " vs " + te.decoderStartTokenId()
                    + "; a drafter must start the decoded sequence as the target does");
        }
        if (target.config().vocabSize() != drafter.config().vocabSize()) {
            throw new ModelLoadException("cannot pair " + drafter.dir() + " with " + target.dir() + ": vocab_size "
                    + drafter.config().vocabSize() + " vs " + target.config().vocabSize()
                    + "; a drafter must use the target's vocabulary");
        }
        if (target.tokenizer() != null && drafter.tokenizer() != null) {
            TokenizerMismatch mm = TokenizerMismatch.compare(target.tokenizer(), drafter.tokenizer());
            if (mm != null) {
                throw new ModelLoadException("cannot pair " + drafter.name() + " with " + target.name() + ": "
                        + mm.describe(target.name(), drafter.name()));
            }
        }
    }

    private static BigramTable loadBigram(Path target) {
        Path f = target.resolve(BIGRAM_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return BigramTable.load(f);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the Max-Gram bigram table " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a run on these prompt ids decodes from: a decoder-only target continues the prompt; an
     * encoder-decoder's encoder reads it and the decoded sequence starts with its start token.
     */
    public DecodeInput input(int[] promptIds) {
        ModelConfig.Encoder e = target.config().encoder();
        return e == null ? DecodeInput.decoderOnly(promptIds)
                : new DecodeInput(promptIds, new int[] {e.decoderStartTokenId()});
    }

    /** A drafter by name (model folder name), or null. */
    public LoadedModel draft(String name) {
        for (LoadedModel d : drafts) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public void close() {
        target.close();
        drafts.forEach(LoadedModel::close);
        if (speculator != null) {
            speculator.close();
        }
    }
}
