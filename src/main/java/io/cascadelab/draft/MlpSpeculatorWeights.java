package io.cascadelab.draft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of an MLP speculator, one entry per head, in one long-lived manager. With tied
 * weights the lists hold the same array object several times, so training updates it once and
 * every head sees the change.
 *
 * @param emb     token embeddings emb_i [V, D]
 * @param proj    projections in x·W layout [in, D] (Hugging Face stores them as [D, in])
 * @param lnScale RMS-norm scale g_i [D]
 * @param lnBias  RMS-norm bias b_i [D]
 * @param head    output projections in x·W layout [D, V] (Hugging Face: [V, D])
 */
public record MlpSpeculatorWeights(MlpSpeculatorConfig config, NDManager manager, List<NDArray> emb,
                                   List<NDArray> proj, List<NDArray> lnScale, List<NDArray> lnBias,
                                   List<NDArray> head) {

    /** Tensor-name prefix of the Hugging Face format. */
    public static final String PREFIX = "speculator.";

    /** One distinct trainable array, its Hugging Face name, and whether HF stores it transposed. */
    public record Param(String hfName, NDArray array, boolean transposed) {
    }

    public MlpSpeculatorWeights {
        emb = List.copyOf(emb);
        proj = List.copyOf(proj);
        lnScale = List.copyOf(lnScale);
        lnBias = List.copyOf(lnBias);
        head = List.copyOf(head);
    }

    /** HF name of head i's embedding. */
    public static String embName(int i) {
        return PREFIX + "emb." + i + ".weight";
    }

    /** HF name of head i's projection. */
    public static String projName(int i) {
        return PREFIX + "proj." + i + ".weight";
    }

    /** HF name of head i's norm scale. */
    public static String lnScaleName(int i) {
        return PREFIX + "ln." + i + ".weight";
    }

    /** HF name of head i's norm bias. */
    public static String lnBiasName(int i) {
        return PREFIX + "ln." + i + ".bias";
    }

    /** HF name of head i's output projection. */
    public static String headName(int i) {
        return PREFIX + "head." + i + ".weight";
    }

    /** The index whose tensors head i uses: itself, or the shared one when weights are tied. */
    public static int sharedIndex(MlpSpeculatorConfig c, int head) {
        return c.tieWeights() ? 0 : head;
    }

    /** The projection index head i uses: itself, or 1 for i ≥ 2 when weights are tied. */
    public static int sharedProjIndex(MlpSpeculatorConfig c, int head) {
        return c.tieWeights() && head >= 2 ? 1 : head;
    }

    /**
     * Builds weights from Hugging Face tensors (HF layout and names, see {@link #embName} …); with
     * tied weights only the shared indices (0, and proj 1) are read.
     */
    public static MlpSpeculatorWeights fromValues(MlpSpeculatorConfig c, NDManager m, Map<String, float[]> values) {
        int v = c.vocabSize(), d = c.innerDim();
        Map<String, NDArray> made = new LinkedHashMap<>();
        List<NDArray> emb = new ArrayList<>(), proj = new ArrayList<>(), g = new ArrayList<>(), b = new ArrayList<>(),
                head = new ArrayList<>();
        for (int i = 0; i < c.nPredict(); i++) {
            int s = sharedIndex(c, i);
            int p = sharedProjIndex(c, i);
            int in = c.projInput(p);
            emb.add(made.computeIfAbsent(embName(s), n -> m.create(value(values, n, (long) v * d), new Shape(v, d))));
            proj.add(made.computeIfAbsent(projName(p),
                    n -> m.create(transpose(value(values, n, (long) d * in), d, in), new Shape(in, d))));
            g.add(made.computeIfAbsent(lnScaleName(s), n -> m.create(value(values, n, d), new Shape(d))));
            b.add(made.computeIfAbsent(lnBiasName(s), n -> m.create(value(values, n, d), new Shape(d))));
            head.add(made.computeIfAbsent(headName(s),
                    n -> m.create(transpose(value(values, n, (long) v * d), v, d), new Shape(d, v))));
        }
        return new MlpSpeculatorWeights(c, m, emb, proj, g, b, head);
    }

    private static float[] value(Map<String, float[]> values, String name, long expected) {
        float[] a = values.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no values for speculator tensor " + name);
        }
        if (a.length != expected) {
            throw new IllegalArgumentException("speculator tensor " + name + " has " + a.length + " values, expected " + expected);
        }
        return a;
    }

    /** Distinct arrays with their HF names, in a stable order (emb, proj, ln, head by index). */
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        Map<NDArray, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < config.nPredict(); i++) {
            add(out, seen, embName(sharedIndex(config, i)), emb.get(i), false);
            add(out, seen, projName(sharedProjIndex(config, i)), proj.get(i), true);
            add(out, seen, lnScaleName(sharedIndex(config, i)), lnScale.get(i), false);
            add(out, seen, lnBiasName(sharedIndex(config, i)), lnBias.get(i), false);
            add(out, seen, headName(sharedIndex(config, i)), head.get(i), true);
        }
        return out;
    }

    private static void add(List<Param> out, Map<NDArray, Boolean> seen, String name, NDArray a, boolean transposed) {
        if (seen.put(a, Boolean.TRUE) == null) {
            out.add(new Param(name, a, transposed));
        }
    }

    /** Distinct arrays (to attach them temporarily to a step manager, or to optimise them). */
    public List<NDArray> arrays() {
        List<NDArray> a = new ArrayList<>();
        params().forEach(p -> a.add(p.array()));
        return a;
    }

    /** Distinct parameters. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : arrays()) {
            n += a.size();
        }
        return n;
    }

    /** Current values in Hugging Face names and layout (distinct tensors only). */
    public Map<String, float[]> hfValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : params()) {
            float[] v = p.array().toFloatArray();
            if (p.transposed()) {
                long[] s = p.array().getShape().getShape();
                v = transpose(v, (int) s[0], (int) s[1]);
            }
            out.put(p.hfName(), v);
        }
        return out;
    }

    /** Shape of an HF tensor of this config. */
    public static long[] hfShape(MlpSpeculatorConfig c, String name) {
        int v = c.vocabSize(), d = c.innerDim();
        if (name.contains(".emb.") || name.contains(".head.")) {
            return new long[] {v, d};
        }
        if (name.contains(".ln.")) {
            return new long[] {d};
        }
        if (name.contains(".proj.")) {
            int i = Integer.parseInt(name.replaceAll(".*\\.proj\\.(\\d+)\\..*", "$1"));
            return new long[] {d, c.projInput(i)};
        }
        throw new IllegalArgumentException("not a speculator tensor: " + name);
    }

    /** Row-major [rows, cols] → [cols, rows]. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
