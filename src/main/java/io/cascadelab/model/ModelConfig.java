package io.cascadelab.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape and switches of one decoder, read from a checkpoint's config.json.
 * One decoder implementation reads these switches instead of one class per family;
 * build one with {@link #builder(Architecture)}.
 *
 * @param headDim            channels per attention head
 * @param rotaryDim          rotated channels per head (0 = learned absolute positions)
 * @param gatedMlp           down(act(gate x) · up x) (SwiGLU, GeGLU) instead of down(act(up x))
 * @param ropes              the rotary tables the layers use (Gemma 3: global and local)
 * @param layers             per layer: its attention window and which rotary table it uses
 * @param embeddingScale     token embeddings are multiplied by this (Gemma: √hidden)
 * @param attentionScale     attention scores are multiplied by this (usually head_dim^-0.5)
 * @param scaleByInverseLayer GPT-2 {@code scale_attn_by_inverse_layer_idx}: scores also divided by layer + 1
 * @param attnSoftcap        scores become tanh(s / cap) · cap when positive (Gemma 2)
 * @param finalSoftcap       logits become tanh(z / cap) · cap when positive (Gemma 2)
 * @param eosTokenIds        generation stops at any of these (may be empty)
 * @param encoder            an encoder-decoder's encoder and start token (T5), null for a decoder-only model
 * @param unreadKeys         config.json keys the loader neither reads nor knows to be irrelevant
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int intermediateSize,
        int maxPositions,
        NormKind norm,
        double normEps,
        Activation activation,
        boolean gatedMlp,
        BlockLayout layout,
        QkNorm qkNorm,
        int rotaryDim,
        List<RopeSpec> ropes,
        List<LayerSpec> layers,
        double embeddingScale,
        double attentionScale,
        boolean scaleByInverseLayer,
        double attnSoftcap,
        double finalSoftcap,
        boolean tieWordEmbeddings,
        Biases biases,
        int bosTokenId,
        List<Integer> eosTokenIds,
        String torchDtype,
        Encoder encoder,
        List<String> unreadKeys) {

    /** Which normalisation the blocks use. */
    public enum NormKind { RMS, LAYER }

    /** The MLP's activation. */
    public enum Activation { SILU, GELU_EXACT, GELU_TANH, RELU }

    /** Where the norms sit around attention and MLP. */
    public enum BlockLayout {
        /** x + f(norm x) for attention, then MLP (Llama, GPT-2). */
        PRE_NORM,
        /** x + attn(norm₁ x) + mlp(norm₂ x) (GPT-NeoX). */
        PARALLEL,
        /** x + norm_post(f(norm_pre x)) (Gemma 2/3). */
        SANDWICH,
        /** x + norm(f(x)) (OLMo 2). */
        POST_NORM
    }

    /** RMSNorm applied to queries and keys before the rotary embedding. */
    public enum QkNorm {
        NONE,
        /** over each head's channels (Qwen3, Gemma 3) */
        PER_HEAD,
        /** over the whole projection, before splitting into heads (OLMo 2) */
        WHOLE
    }

    /** Which projections carry biases. */
    public record Biases(boolean qkv, boolean attnOut, boolean mlp) {

        /** No biases (Llama). */
        public static final Biases NONE = new Biases(false, false, false);
    }

    /** One rotary table: its base and frequency scaling. */
    public record RopeSpec(double theta, RopeScaling scaling) {
    }

    /**
     * One layer's attention.
     *
     * @param window sliding window (a query sees keys less than this many positions back), 0 = full
     * @param rope   index into {@link #ropes()}, or −1 for a layer without positions (SmolLM3's NoPE layers)
     */
    public record LayerSpec(int window, int rope) {

        /** Full attention with the first rotary table. */
        public static final LayerSpec FULL = new LayerSpec(0, 0);
    }

    /**
     * What an encoder-decoder (T5) adds to the decoder's shape. The decoder's layers are
     * {@link #numLayers()}; both stacks share heads, head size, MLP and norms.
     *
     * @param layers              encoder blocks
     * @param relativeBuckets     relative position buckets (T5's relative_attention_num_buckets)
     * @param relativeMaxDistance distance where the last logarithmic bucket starts
     * @param decoderStartTokenId the token the decoded sequence starts with
     * @param scaleOutputs        the decoder's output is scaled by d_model^-0.5 before the head (original T5)
     */
    public record Encoder(int layers, int relativeBuckets, int relativeMaxDistance, int decoderStartTokenId,
                          boolean scaleOutputs) {
    }

    public ModelConfig {
        ropes = List.copyOf(ropes);
        layers = List.copyOf(layers);
        eosTokenIds = List.copyOf(eosTokenIds);
        unreadKeys = List.copyOf(unreadKeys);
        if (layers.size() != numLayers) {
            throw new IllegalArgumentException(numLayers + " layers but " + layers.size() + " layer specs");
        }
    }

    /** A builder with Llama's defaults. */
    public static Builder builder(Architecture architecture) {
        return new Builder(architecture);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder(architecture);
        b.vocabSize = vocabSize;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.numHeads = numHeads;
        b.numKvHeads = numKvHeads;
        b.headDim = headDim;
        b.intermediateSize = intermediateSize;
        b.maxPositions = maxPositions;
        b.norm = norm;
        b.normEps = normEps;
        b.activation = activation;
        b.gatedMlp = gatedMlp;
        b.layout = layout;
        b.qkNorm = qkNorm;
        b.rotaryDim = rotaryDim;
        b.ropes = new ArrayList<>(ropes);
        b.layers = new ArrayList<>(layers);
        b.embeddingScale = embeddingScale;
        b.attentionScale = attentionScale;
        b.scaleByInverseLayer = scaleByInverseLayer;
        b.attnSoftcap = attnSoftcap;
        b.finalSoftcap = finalSoftcap;
        b.tieWordEmbeddings = tieWordEmbeddings;
        b.biases = biases;
        b.bosTokenId = bosTokenId;
        b.eosTokenIds = eosTokenIds;
        b.torchDtype = torchDtype;
        b.encoder = encoder;
        b.unreadKeys = unreadKeys;
        return b;
    }

    /** True for an encoder-decoder (its input is read by an encoder, apart from the decoded tokens). */
    public boolean encoderDecoder() {
        return encoder != null;
    }

    /** True when positions enter through rotary embeddings (else a learned position table). */
    public boolean rotary() {
        return rotaryDim > 0;
    }

    /** The base of the first rotary table (what a Llama config.json calls rope_theta). */
    public double ropeTheta() {
        return ropes.isEmpty() ? 0 : ropes.get(0).theta();
    }

    /** Query heads per key/value head (grouped-query attention). */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    /** Builds a {@link ModelConfig} field by field, so that no caller passes a row of bare booleans. */
    public static final class Builder {
        private final Architecture architecture;
        private int vocabSize;
        private int hiddenSize;
        private int numLayers;
        private int numHeads;
        private int numKvHeads;
        private int headDim;
        private int intermediateSize;
        private int maxPositions = 2048;
        private NormKind norm = NormKind.RMS;
        private double normEps = 1e-6;
        private Activation activation = Activation.SILU;
        private boolean gatedMlp = true;
        private BlockLayout layout = BlockLayout.PRE_NORM;
        private QkNorm qkNorm = QkNorm.NONE;
        private int rotaryDim;
        private List<RopeSpec> ropes = new ArrayList<>();
        private List<LayerSpec> layers;
        private double embeddingScale = 1;
        private double attentionScale = Double.NaN;
        private boolean scaleByInverseLayer;
        private double attnSoftcap;
        private double finalSoftcap;
        private boolean tieWordEmbeddings;
        private Biases biases = Biases.NONE;
        private int bosTokenId = -1;
        private List<Integer> eosTokenIds = List.of();
        private String torchDtype = "float32";
        private Encoder encoder;
        private List<String> unreadKeys = List.of();

        private Builder(Architecture architecture) {
            this.architecture = architecture;
        }

        /** Vocabulary, hidden size, layers, query heads, key/value heads, head size and MLP width. */
        public Builder shape(int vocabSize, int hiddenSize, int numLayers, int numHeads, int numKvHeads, int headDim,
                             int intermediateSize) {
            this.vocabSize = vocabSize;
            this.hiddenSize = hiddenSize;
            this.numLayers = numLayers;
            this.numHeads = numHeads;
            this.numKvHeads = numKvHeads;
            this.headDim = headDim;
            this.intermediateSize = intermediateSize;
            return this;
        }

        public Builder maxPositions(int v) {
            maxPositions = v;
            return this;
        }

        public Builder norm(NormKind kind, double eps) {
            norm = kind;
            normEps = eps;
            return this;
        }

        public Builder mlp(Activation act, boolean gated) {
            activation = act;
            gatedMlp = gated;
            return this;
        }

        public Builder layout(BlockLayout v) {
            layout = v;
            return this;
        }

        public Builder qkNorm(QkNorm v) {
            qkNorm = v;
            return this;
        }

        /** Rotary embeddings over {@code dim} channels per head with these tables (empty: learned positions). */
        public Builder rotary(int dim, List<RopeSpec> tables) {
            rotaryDim = dim;
            ropes = new ArrayList<>(tables);
            return this;
        }

        public Builder layers(List<LayerSpec> v) {
            layers = new ArrayList<>(v);
            return this;
        }

        public Builder embeddingScale(double v) {
            embeddingScale = v;
            return this;
        }

        public Builder attentionScale(double v) {
            attentionScale = v;
            return this;
        }

        public Builder scaleByInverseLayer(boolean v) {
            scaleByInverseLayer = v;
            return this;
        }

        public Builder softcaps(double attention, double finalLogits) {
            attnSoftcap = attention;
            finalSoftcap = finalLogits;
            return this;
        }

        public Builder tieWordEmbeddings(boolean v) {
            tieWordEmbeddings = v;
            return this;
        }

        public Builder biases(Biases v) {
            biases = v;
            return this;
        }

        public Builder specialTokens(int bos, List<Integer> eos) {
            bosTokenId = bos;
            eosTokenIds = List.copyOf(eos);
            return this;
        }

        public Builder torchDtype(String v) {
            torchDtype = v;
            return this;
        }

        public Builder encoder(Encoder v) {
            encoder = v;
            return this;
        }

        public Builder unreadKeys(List<String> v) {
            unreadKeys = List.copyOf(v);
            return this;
        }

        /** The config; layers default to full attention on the first rotary table (or none). */
        public ModelConfig build() {
            List<LayerSpec> l = layers;
            if (l == null) {
                l = new ArrayList<>();
                for (int i = 0; i < numLayers; i++) {
                    l.add(rotaryDim > 0 ? LayerSpec.FULL : new LayerSpec(0, -1));
                }
            }
            double scale = Double.isNaN(attentionScale) ? 1 / Math.sqrt(headDim) : attentionScale;
            return new ModelConfig(architecture, vocabSize, hiddenSize, numLayers, numHeads, numKvHeads, headDim,
                    intermediateSize, maxPositions, norm, normEps, activation, gatedMlp, layout, qkNorm, rotaryDim,
                    ropes, l, embeddingScale, scale, scaleByInverseLayer, attnSoftcap, finalSoftcap,
                    tieWordEmbeddings, biases, bosTokenId, eosTokenIds, torchDtype, encoder, unreadKeys);
        }
    }
}
