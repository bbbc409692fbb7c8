package io.cascadelab.draft;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.model.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of an IBM MLP speculator (Wertheimer et al. 2024), as in the Hugging Face
 * {@code config.json} of the released accelerators ({@code model_type: "mlp_speculator"}).
 *
 * @param vocabSize         V, the target's vocabulary
 * @param embDim            De, the target's hidden size (the state the first head reads)
 * @param innerDim          D, the speculator's width (already resolved: a stored 0 means De)
 * @param nPredict          H, the number of heads; head i predicts token t+2+i
 * @param topKPerHead       candidate tree: tokens kept per head
 * @param nCandidates       candidate tree: candidates kept by summed log-probability
 * @param tieWeights        all heads share emb.0, head.0 and ln.0; proj_i = proj_1 for i ≥ 2
 * @param scaleInput        the state is RMS-normalised (no parameters) and divided by √2 first
 */
public record MlpSpeculatorConfig(int vocabSize, int embDim, int innerDim, int nPredict, List<Integer> topKPerHead,
                                  int nCandidates, boolean tieWeights, boolean scaleInput) {

    /** The {@code model_type} of the Hugging Face format. */
    public static final String MODEL_TYPE = "mlp_speculator";

    public MlpSpeculatorConfig {
        topKPerHead = List.copyOf(topKPerHead);
        if (vocabSize < 1 || embDim < 1 || innerDim < 1 || nPredict < 1 || nCandidates < 1) {
            throw new IllegalArgumentException("speculator config needs positive vocab_size, emb_dim, inner_dim, "
                    + "n_predict and n_candidates; got " + vocabSize + ", " + embDim + ", " + innerDim + ", "
                    + nPredict + ", " + nCandidates);
        }
        if (topKPerHead.size() != nPredict) {
            throw new IllegalArgumentException("top_k_tokens_per_head has " + topKPerHead.size()
                    + " entries but n_predict is " + nPredict + ": give one count per head");
        }
        for (int k : topKPerHead) {
            if (k < 1) {
                throw new IllegalArgumentException("top_k_tokens_per_head entries must be >= 1, got " + topKPerHead);
            }
        }
        if (tieWeights && nPredict < 2) {
            throw new IllegalArgumentException("tie_weights needs n_predict >= 2 (there is nothing to share with one head)");
        }
    }

    /** A config with the released accelerators' tree defaults (top-k 5, 4, 3, … ≥ 1 per head; 5 candidates). */
    public static MlpSpeculatorConfig of(int vocabSize, int embDim, int innerDim, int nPredict, boolean tieWeights,
                                         boolean scaleInput) {
        return new MlpSpeculatorConfig(vocabSize, embDim, innerDim == 0 ? embDim : innerDim, nPredict,
                defaultTopK(nPredict), 5, tieWeights, scaleInput);
    }

    /** fms-extras' default [5, 4, 3], continued with max(1, 5 − i). */
    static List<Integer> defaultTopK(int nPredict) {
        List<Integer> k = new ArrayList<>();
        for (int i = 0; i < nPredict; i++) {
            k.add(Math.max(1, 5 - i));
        }
        return k;
    }

    /** sw = 0.5^(0.5/H): the state's weight, so that state_0 keeps half the magnitude by the last head. */
    public double stateWeight() {
        return Math.pow(0.5, 0.5 / nPredict);
    }

    /** ew = sqrt((1 − sw²)·D/2). */
    public double embWeight() {
        return Math.sqrt((1 - stateWeight() * stateWeight()) * innerDim / 2.0);
    }

    /** α = ew / sw, the factor on the token embedding in u = proj·s + α·emb[tok]. */
    public double alpha() {
        return embWeight() / stateWeight();
    }

    /** Input width of proj_i: De for the first head, D after. */
    public int projInput(int head) {
        return head == 0 ? embDim : innerDim;
    }

    /** Reads {@code dir/config.json}; errors name the file and field. */
    public static MlpSpeculatorConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("no config.json in " + dir + ": not an MLP speculator folder");
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new ModelLoadException(file + ": expected a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (IOException ex) {
            throw new ModelLoadException("cannot read " + file + ": " + ex.getMessage(), ex);
        } catch (JsonParseException ex) {
            throw new ModelLoadException(file + " is not valid JSON: " + ex.getMessage(), ex);
        }
        String type = o.has("model_type") && o.get("model_type").isJsonPrimitive() ? o.get("model_type").getAsString() : null;
        if (!MODEL_TYPE.equals(type)) {
            throw new ModelLoadException(file + ": model_type is " + (type == null ? "missing" : "'" + type + "'")
                    + ", expected '" + MODEL_TYPE + "' (an IBM MLP speculator / accelerator checkpoint)");
        }
        try {
            int vocab = required(o, file, "vocab_size");
            int emb = required(o, file, "emb_dim");
            int inner = o.has("inner_dim") && !o.get("inner_dim").isJsonNull() ? o.get("inner_dim").getAsInt() : 0;
            int n = required(o, file, "n_predict");
            List<Integer> topK;
            if (o.has("top_k_tokens_per_head") && o.get("top_k_tokens_per_head").isJsonArray()) {
                topK = new ArrayList<>();
                for (JsonElement k : o.getAsJsonArray("top_k_tokens_per_head")) {
                    topK.add(k.getAsInt());
                }
            } else {
                topK = defaultTopK(n);
            }
            int cands = o.has("n_candidates") && !o.get("n_candidates").isJsonNull() ? o.get("n_candidates").getAsInt() : 5;
            boolean tie = o.has("tie_weights") && !o.get("tie_weights").isJsonNull() && o.get("tie_weights").getAsBoolean();
            boolean scale = o.has("scale_input") && !o.get("scale_input").isJsonNull() && o.get("scale_input").getAsBoolean();
            return new MlpSpeculatorConfig(vocab, emb, inner == 0 ? emb : inner, n, topK, cands, tie, scale);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException ex) {
            throw new ModelLoadException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static int required(JsonObject o, Path file, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new ModelLoadException(file + ": required field '" + key + "' is missing");
        }
        return o.get(key).getAsInt();
    }

    /** The Hugging Face config.json of this speculator. */
    public JsonObject toJson(String torchDtype) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("MLPSpeculatorPreTrainedModel");
        o.add("architectures", arch);
        o.addProperty("model_type", MODEL_TYPE);
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("emb_dim", embDim);
        o.addProperty("inner_dim", innerDim);
        o.addProperty("n_predict", nPredict);
        JsonArray k = new JsonArray();
        topKPerHead.forEach(k::add);
        o.add("top_k_tokens_per_head", k);
        o.addProperty("n_candidates", nCandidates);
        o.addProperty("tie_weights", tieWeights);
        o.addProperty("scale_input", scaleInput);
        o.addProperty("torch_dtype", torchDtype);
        return o;
    }
}
