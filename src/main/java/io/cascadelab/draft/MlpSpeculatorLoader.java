package io.cascadelab.draft;

import ai.djl.ndarray.NDManager;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.ModelLoadException;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Hugging Face format of IBM's released accelerators: config.json
 * ({@code model_type: mlp_speculator}) and {@code speculator.emb/proj/ln/head.{i}} tensors in
 * safetensors (F32, F16 or BF16, widened in Java). Tied checkpoints may store only the shared
 * indices (0, and proj 1): a tied group is read from the first index present. Checkpoints
 * saved without the {@code speculator.} prefix are accepted too.
 */
public final class MlpSpeculatorLoader {

    private MlpSpeculatorLoader() {
    }

    /** Loads {@code dir} into {@code manager}; errors name the file and tensor. */
    public static MlpSpeculatorWeights load(Path dir, NDManager manager) {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.read(dir);
        Checkpoint ckpt = Checkpoint.open(dir);
        String prefix = prefix(ckpt, dir);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int i = 0; i < c.nPredict(); i++) {
            int s = MlpSpeculatorWeights.sharedIndex(c, i);
            int p = MlpSpeculatorWeights.sharedProjIndex(c, i);
            read(ckpt, c, prefix, values, MlpSpeculatorWeights.embName(s), "emb", ".weight", s, c.tieWeights(), 0);
            read(ckpt, c, prefix, values, MlpSpeculatorWeights.projName(p), "proj", ".weight", p,
                    c.tieWeights() && p >= 1, 1);
            read(ckpt, c, prefix, values, MlpSpeculatorWeights.lnScaleName(s), "ln", ".weight", s, c.tieWeights(), 0);
            read(ckpt, c, prefix, values, MlpSpeculatorWeights.lnBiasName(s), "ln", ".bias", s, c.tieWeights(), 0);
            read(ckpt, c, prefix, values, MlpSpeculatorWeights.headName(s), "head", ".weight", s, c.tieWeights(), 0);
        }
        return MlpSpeculatorWeights.fromValues(c, manager, values);
    }

    private static String prefix(Checkpoint ckpt, Path dir) {
        for (String n : ckpt.names()) {
            if (n.startsWith(MlpSpeculatorWeights.PREFIX + "emb.")) {
                return MlpSpeculatorWeights.PREFIX;
            }
        }
        for (String n : ckpt.names()) {
            if (n.startsWith("emb.")) {
                return "";
            }
        }
        List<String> sample = new ArrayList<>(ckpt.names());
        throw new ModelLoadException("no speculator tensors in " + dir + ": expected names like "
                + MlpSpeculatorWeights.embName(0) + ", found " + sample.subList(0, Math.min(4, sample.size()))
                + "; is this an MLP speculator checkpoint?");
    }

    /**
     * Reads one canonical tensor. A tied group (all heads share index {@code first} onwards) is read
     * from the first index ≥ {@code first} the checkpoint holds.
     */
    private static void read(Checkpoint ckpt, MlpSpeculatorConfig c, String prefix, Map<String, float[]> values,
                             String canonical, String kind, String suffix, int index, boolean tiedGroup, int first) {
        if (values.containsKey(canonical)) {
            return;
        }
        String stored = null;
        if (tiedGroup) {
            for (int j = first; j < c.nPredict() && stored == null; j++) {
                String n = prefix + kind + "." + j + suffix;
                if (ckpt.has(n)) {
                    stored = n;
                }
            }
        } else if (ckpt.has(prefix + kind + "." + index + suffix)) {
            stored = prefix + kind + "." + index + suffix;
        }
        if (stored == null) {
            String wanted = prefix + kind + "." + index + suffix;
            throw new ModelLoadException("tensor '" + wanted + "' missing from the weights in " + ckpt.dir()
                    + ": config.json says n_predict " + c.nPredict() + ", tie_weights " + c.tieWeights()
                    + (tiedGroup ? " (no index from " + first + " to " + (c.nPredict() - 1) + " is stored either)" : "")
                    + "; the checkpoint is incomplete or config.json does not belong to it");
        }
        FloatBuffer b = ckpt.read(stored, MlpSpeculatorWeights.hfShape(c, canonical));
        float[] a = new float[b.remaining()];
        b.get(a);
        values.put(canonical, a);
    }
}
