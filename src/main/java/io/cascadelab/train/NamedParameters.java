package io.cascadelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.SafetensorsWriter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A model's trainable arrays with their Hugging Face tensor names, for checkpoints and export;
 * subclasses build the runtime's weights records from them.
 */
public abstract class NamedParameters {

    /** One trainable array with its HF name; {@code linear} arrays are stored transposed in HF files. */
    public record Param(String hfName, NDArray array, boolean linear) {
    }

    private final List<Param> params;

    protected NamedParameters(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /** The trainable arrays with their names. */
    public List<Param> params() {
        return params;
    }

    /** Every array a training step reads (parameters and fixed tables such as rotary ones). */
    public abstract List<NDArray> arrays();

    /** Enables gradients on every parameter. */
    public void requireGradients() {
        for (Param p : params) {
            p.array().setRequiresGradient(true);
        }
    }

    /** Adds every parameter to {@code w} in HF layout (linear weights transposed back to [out, in]). */
    public void exportTo(SafetensorsWriter w) {
        for (Param p : params) {
            float[] v = p.array().toFloatArray();
            long[] shape = p.array().getShape().getShape();
            if (p.linear()) {
                w.add(p.hfName(), transpose(v, (int) shape[0], (int) shape[1]), shape[1], shape[0]);
            } else {
                w.add(p.hfName(), v, shape);
            }
        }
    }

    /** Current values keyed by HF name, in memory layout (for checkpoints). */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : params) {
            out.put(p.hfName(), p.array().toFloatArray());
        }
        return out;
    }

    /** Creates the parameter {@code name} from {@code values} (memory layout) and adds it to {@code params}. */
    static NDArray param(List<Param> params, NDManager m, Map<String, float[]> values, String name, boolean linear,
                         long... shape) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no values for parameter " + name);
        }
        NDArray a = m.create(v, new Shape(shape));
        params.add(new Param(name, a, linear));
        return a;
    }

    static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }

    static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * std);
        }
        return a;
    }

    static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
