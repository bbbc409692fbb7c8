package io.cascadelab.draft;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * IBM's MLP speculator (Wertheimer et al., arXiv 2404.19124): a chain of small heads conditioned on
 * the target's final hidden state (after its final norm) and on the tokens already sampled.
 * With H = n_predict, sw = 0.5^(0.5/H) and α = sqrt((1 − sw²)·D/2)/sw:
 * <pre>
 *   s = scale_input ? s / rms(s) / √2 : s                       (rms with eps 1e-6, no parameters)
 *   for i in 0..H−1:
 *     u = proj_i·s + α·emb_i[tok]
 *     s = GELU_erf(g_i ⊙ u / sqrt(mean(u²) + 1e-6) + b_i)      (RMS norm with bias, no mean subtraction)
 *     logits_i = head_i·s;  tok = choice from logits_i
 * </pre>
 * Head i predicts token t+2+i when s is the target's hidden state at t and tok the token t+1.
 * The same {@link #headState} / {@link #headLogits} serve inference (one state, or one per tree
 * candidate) and training (states [B, T, D] with autograd).
 */
public final class MlpSpeculator implements AutoCloseable {

    /** Epsilon of both norms. */
    public static final double EPS = 1e-6;

    private final String name;
    private final Path dir;
    private final MlpSpeculatorWeights weights;

    private MlpSpeculator(String name, Path dir, MlpSpeculatorWeights weights) {
        this.name = name;
        this.dir = dir;
        this.weights = weights;
    }

    /** Loads a Hugging Face speculator folder (config.json + safetensors) onto {@code device}. */
    public static MlpSpeculator load(Path dir, Device device) {
        Path abs = dir.toAbsolutePath().normalize();
        NDManager m = DjlEnvironment.engine().newBaseManager(device);
        try {
            MlpSpeculatorWeights w = MlpSpeculatorLoader.load(abs, m);
            m.cap(); // weights are complete: anything attached later would be a leak
            String n = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
            return new MlpSpeculator(n, abs, w);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Wraps weights built in memory (training, tests); closing it closes their manager. */
    public static MlpSpeculator of(String name, MlpSpeculatorWeights weights) {
        return new MlpSpeculator(name, Path.of(name), weights);
    }

    /** Display name (the folder name). */
    public String name() {
        return name;
    }

    /** The folder it was loaded from. */
    public Path dir() {
        return dir;
    }

    /** Its configuration. */
    public MlpSpeculatorConfig config() {
        return weights.config();
    }

    /** Its weights. */
    public MlpSpeculatorWeights weights() {
        return weights;
    }

    /** Distinct parameters. */
    public long parameterCount() {
        return weights.parameterCount();
    }

    /**
     * Refuses a target this speculator was not built for: emb_dim must equal the target's hidden
     * size and the vocabularies must match.
     */
    public void checkTarget(ModelConfig target, String targetName) {
        MlpSpeculatorConfig c = config();
        Path file = dir.resolve("config.json");
        if (c.embDim() != target.hiddenSize()) {
            throw new ModelLoadException(file + ": emb_dim is " + c.embDim() + " but the target " + targetName
                    + " has hidden size " + target.hiddenSize()
                    + "; a speculator reads its target's hidden state and only fits the model it was trained for");
        }
        if (c.vocabSize() != target.vocabSize()) {
            throw new ModelLoadException(file + ": vocab_size is " + c.vocabSize() + " but the target " + targetName
                    + " has " + target.vocabSize() + "; the speculator must use the target's vocabulary");
        }
    }

    // ---- the equations, shared by inference and training ----

    /** The state the first head reads: the hidden state itself, or s / rms(s) / √2 with scale_input. */
    public static NDArray inputState(MlpSpeculatorConfig c, NDArray hidden) {
        if (!c.scaleInput()) {
            return hidden;
        }
        NDArray rms = hidden.square().mean(new int[] {-1}, true).add(EPS).sqrt();
        return hidden.div(rms).div(Math.sqrt(2));
    }

    /**
     * Head i's new state s = GELU(N_i(proj_i·s + α·emb_i[tok])) for states [..., in] and tokens [...]
     * (int64, same leading shape); result [..., D] in the manager of {@code state}.
     */
    public static NDArray headState(MlpSpeculatorWeights w, int i, NDArray state, NDArray tokens) {
        NDArray z = tokens.getNDArrayInternal().embedding(tokens, w.emb().get(i), SparseFormat.DENSE).singletonOrThrow();
        NDArray u = state.matMul(w.proj().get(i)).add(z.mul(w.config().alpha()));            // [..., D]
        NDArray rms = u.square().mean(new int[] {-1}, true).add(EPS).sqrt();
        NDArray n = u.div(rms).mul(w.lnScale().get(i)).add(w.lnBias().get(i));
        return Activation.gelu(n);                                                            // exact (erf) GELU
    }

    /** Head i's logits [..., V] from its state [..., D]. */
    public static NDArray headLogits(MlpSpeculatorWeights w, int i, NDArray state) {
        return state.matMul(w.head().get(i));
    }

    // ---- inference ----

    /** Starts a chain from the target's hidden state (after its final norm) [De]. */
    public Chain chain(float[] hidden) {
        return new Chain(hidden);
    }

    /**
     * A running chain: each {@link #next} feeds the token chosen from the previous head (first the
     * token the target just emitted) and returns the next head's logits. Holds native memory until closed.
     */
    public final class Chain implements AutoCloseable {

        private final NDManager step;
        private NDArray state;
        private int head;

        private Chain(float[] hidden) {
            MlpSpeculatorConfig c = config();
            if (hidden.length != c.embDim()) {
                throw new IllegalArgumentException("hidden state has " + hidden.length + " values, emb_dim is " + c.embDim());
            }
            step = weights.manager().newSubManager();
            // every op below takes a step-managed array first, so temporaries land in `step`
            state = inputState(c, step.create(hidden, new Shape(1, hidden.length)));
        }

        /** Heads run so far. */
        public int heads() {
            return head;
        }

        /** Runs the next head on {@code token} and returns its logits [V]. */
        public float[] next(int token) {
            return next(token, Double.NaN);
        }

        /**
         * Runs the next head on {@code token} and returns softmax(logits / temperature) [V], computed
         * by the engine; raw logits when {@code temperature} is NaN.
         */
        public float[] next(int token, double temperature) {
            if (head >= config().nPredict()) {
                throw new IllegalStateException("the speculator has only " + config().nPredict() + " heads");
            }
            NDArray tok = step.create(new long[] {token}, new Shape(1));
            state = headState(weights, head, state, tok);
            NDArray logits = headLogits(weights, head, state);
            float[] out = (Double.isNaN(temperature) ? logits : logits.div(temperature).softmax(-1)).toFloatArray();
            head++;
            return out;
        }

        @Override
        public void close() {
            step.close();
        }
    }

    /** One candidate continuation of the tree, with its summed log-probability and each head's top-k on its path. */
    public record Candidate(int[] tokens, double logProb, List<HeadTopK> heads) {

        public Candidate {
            tokens = tokens.clone();
            heads = List.copyOf(heads);
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }
    }

    /**
     * The candidate tree of fms-extras' {@code generate_suffixes}: every head expands each partial
     * candidate by its top-k tokens (log-softmax of the raw logits), and the best {@code n} complete
     * candidates by summed log-probability are returned, best first (ties keep expansion order).
     *
     * @param topK tokens per head; its length is the number of heads run (≤ n_predict)
     */
    public List<Candidate> candidates(float[] hidden, int token, List<Integer> topK, int n) {
        MlpSpeculatorConfig c = config();
        if (topK.isEmpty() || topK.size() > c.nPredict()) {
            throw new IllegalArgumentException("top-k list of " + topK.size() + " heads; the speculator has " + c.nPredict());
        }
        int v = c.vocabSize();
        try (NDManager step = weights.manager().newSubManager()) {
            NDArray state = inputState(c, step.create(hidden, new Shape(1, hidden.length)));
            List<int[]> prefixes = new ArrayList<>(List.of(new int[0]));
            List<List<HeadTopK>> paths = new ArrayList<>(List.of(List.of()));
            double[] scores = {0};
            long[] feed = {token};
            for (int i = 0; i < topK.size(); i++) {
                int rows = prefixes.size();
                state = headState(weights, i, state, step.create(feed, new Shape(rows)));   // [rows, D]
                float[] logits = headLogits(weights, i, state).toFloatArray();            // [rows, V]
                int k = Math.min(topK.get(i), v);
                List<int[]> nextPrefixes = new ArrayList<>(rows * k);
                List<List<HeadTopK>> nextPaths = new ArrayList<>(rows * k);
                double[] nextScores = new double[rows * k];
                long[] parent = new long[rows * k];
                long[] nextFeed = new long[rows * k];
                for (int r = 0; r < rows; r++) {
                    float[] logProbs = logSoftmax(logits, r * v, v);
                    int[] best = HeadTopK.topIndices(logProbs, k);
                    float[] probs = new float[best.length];
                    for (int j = 0; j < best.length; j++) {
                        probs[j] = (float) Math.exp(logProbs[best[j]]);
                    }
                    HeadTopK top = new HeadTopK(i, best, probs);
                    for (int j = 0; j < best.length; j++) {
                        int at = r * k + j;
                        int[] p = Arrays.copyOf(prefixes.get(r), i + 1);
                        p[i] = best[j];
                        nextPrefixes.add(p);
                        List<HeadTopK> path = new ArrayList<>(paths.get(r));
                        path.add(top);
                        nextPaths.add(path);
                        nextScores[at] = scores[r] + logProbs[best[j]];
                        parent[at] = r;
                        nextFeed[at] = best[j];
                    }
                }
                state = state.get(step.create(parent, new Shape(parent.length)));         // [rows·k, D]
                prefixes = nextPrefixes;
                paths = nextPaths;
                scores = nextScores;
                feed = nextFeed;
            }
            Integer[] order = new Integer[prefixes.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            double[] s = scores;
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s[i]));
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, order.length); i++) {
                out.add(new Candidate(prefixes.get(order[i]), s[order[i]], paths.get(order[i])));
            }
            return out;
        }
    }

    private static float[] logSoftmax(float[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[from + i] - max);
        }
        double log = max + Math.log(sum);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (logits[from + i] - log);
        }
        return out;
    }

    @Override
    public void close() {
        weights.manager().close();
    }
}
