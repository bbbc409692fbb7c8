package io.cascadelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.nio.file.Path;

/**
 * A model folder loaded onto a device: config, tokenizer and weights (a decoder's, or a T5
 * encoder-decoder's). Sessions share the weights.
 */
public final class LoadedModel implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final ModelConfig config;
    private final TextTokenizer tokenizer;
    private final DecoderWeights weights;
    private final T5Weights seq2seq;
    private final NDManager manager;
    private final long loadNanos;

    private LoadedModel(String name, Path dir, ModelConfig config, TextTokenizer tokenizer, DecoderWeights weights,
                        T5Weights seq2seq, long loadNanos) {
        this.name = name;
        this.dir = dir;
        this.config = config;
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.seq2seq = seq2seq;
        this.manager = weights != null ? weights.manager() : seq2seq.manager();
        this.loadNanos = loadNanos;
    }

    /** Loads {@code dir} (config.json, safetensors, tokenizer.json) onto {@code device} in the configured dtype. */
    public static LoadedModel load(Path dir, Device device) {
        return load(dir, device, ComputeDType.configured());
    }

    /** Loads {@code dir} onto {@code device} with its projections held and multiplied in {@code dtype}. */
    public static LoadedModel load(Path dir, Device device, ComputeDType dtype) {
        long t0 = System.nanoTime();
        Path abs = dir.toAbsolutePath().normalize();
        ModelConfig config = ConfigReader.read(abs);
        TextTokenizer tokenizer = TextTokenizer.load(abs);
        if (tokenizer.vocabSize() > config.vocabSize()) {
            tokenizer.close();
            throw new ModelLoadException(abs + ": tokenizer.json has " + tokenizer.vocabSize()
                    + " tokens but config.json's vocab_size is " + config.vocabSize()
                    + "; the tokenizer does not belong to this model");
        }
        if (tokenizer.vocabSize() * 2 < config.vocabSize()) {
            tokenizer.close();
            throw new ModelLoadException(abs + ": tokenizer.json has " + tokenizer.vocabSize() + " tokens but"
                    + " config.json's vocab_size is " + config.vocabSize() + "; a model pads its vocabulary by a few"
                    + " ids at most, so this tokenizer is not the model's own");
        }
        Checkpoint ckpt = Checkpoint.open(abs);
        NDManager manager = DjlEnvironment.engine().newBaseManager(device);
        try {
            DecoderWeights w = config.encoderDecoder() ? null : WeightLoader.load(ckpt, config, manager, dtype);
            T5Weights t5 = config.encoderDecoder() ? T5WeightLoader.load(ckpt, config, manager, dtype) : null;
            manager.cap(); // weights are complete: anything attached later would be a leak
            return new LoadedModel(displayName(abs), abs, config, tokenizer, w, t5, System.nanoTime() - t0);
        } catch (RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }

    /** The folder name; for a hub cache snapshot (models--org--name/snapshots/commit) the model's name. */
    public static String displayName(Path abs) {
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && parent.getParent() != null && parent.getParent().getFileName().toString().startsWith("models--")) {
            String repo = parent.getParent().getFileName().toString();
            return repo.substring(repo.lastIndexOf("--") + 2);
        }
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    /** Wraps weights built in memory (training, tests). */
    public static LoadedModel of(String name, Path dir, DecoderWeights weights, TextTokenizer tokenizer) {
        return new LoadedModel(name, dir, weights.config(), tokenizer, weights, null, 0);
    }

    /** Wraps encoder-decoder weights built in memory (training, tests). */
    public static LoadedModel of(String name, Path dir, T5Weights weights, TextTokenizer tokenizer) {
        return new LoadedModel(name, dir, weights.config(), tokenizer, null, weights, 0);
    }

    /** A new session with an empty cache of {@code capacity} positions (at most the context length). */
    public ModelSession newSession(int capacity) {
        return new ModelSession(this, Math.min(capacity, config.maxPositions()));
    }

    /** A new session over the full context length. */
    public ModelSession newSession() {
        return newSession(config.maxPositions());
    }

    /** Short display name (the folder name). */
    public String name() {
        return name;
    }

    /** The model folder. */
    public Path dir() {
        return dir;
    }

    /** The model's configuration. */
    public ModelConfig config() {
        return config;
    }

    /** The model's tokenizer (may be null for models built in memory). */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The dtype the model's projections are held and multiplied in (whatever the file holds);
     * norms, attention and the residual stream compute in F32 in every mode.
     */
    public ComputeDType computeDtype() {
        NDArray embedding = weights != null ? weights.embedding() : seq2seq.embedding();
        return embedding.getDataType() == DataType.FLOAT16 ? ComputeDType.F16 : ComputeDType.F32;
    }

    /** Bytes the weights take in memory (device memory on a GPU). */
    public long weightBytes() {
        long n = 0;
        for (NDArray a : weights != null ? weights.parameters() : seq2seq.parameters()) {
            n += a.size() * a.getDataType().getNumOfBytes();
        }
        return n;
    }

    /**
     * A decoder-only model's weights.
     *
     * @throws UnsupportedOperationException for an encoder-decoder, naming the model (see {@link #seq2seq()})
     */
    public DecoderWeights weights() {
        if (weights == null) {
            throw new UnsupportedOperationException(name + " is an encoder-decoder (" + config.architecture().modelType()
                    + "); this works on decoder-only models only");
        }
        return weights;
    }

    /** An encoder-decoder's weights, or null for a decoder-only model. */
    public T5Weights seq2seq() {
        return seq2seq;
    }

    /** The long-lived manager holding the weights (sessions make their caches under it). */
    public NDManager manager() {
        return manager;
    }

    /** Parameters held by the weights. */
    public long parameterCount() {
        return weights != null ? weights.parameterCount() : seq2seq.parameterCount();
    }

    /** Wall time the load took. */
    public long loadNanos() {
        return loadNanos;
    }

    @Override
    public void close() {
        manager.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
