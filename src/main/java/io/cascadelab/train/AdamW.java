package io.cascadelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (decoupled weight decay) with global-norm gradient clipping, applied in place outside
 * gradient recording. Weight decay applies to matrices only, not to norms or biases.
 */
public final class AdamW {

    private final List<NDArray> params;
    private final List<NDArray> m1 = new ArrayList<>();
    private final List<NDArray> m2 = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double eps = 1e-8;
    private int t;

    /** Creates zeroed moment estimates in {@code stateManager}. */
    public AdamW(List<NDArray> params, NDManager stateManager, double beta1, double beta2) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        for (NDArray p : params) {
            m1.add(stateManager.zeros(p.getShape()));
            m2.add(stateManager.zeros(p.getShape()));
        }
    }

    /** First and second moment arrays (for checkpoints), in parameter order. */
    public List<NDArray> firstMoments() {
        return m1;
    }

    /** Second moments. */
    public List<NDArray> secondMoments() {
        return m2;
    }

    /** Steps taken so far. */
    public int stepCount() {
        return t;
    }

    /** Restores the step counter after loading moments from a checkpoint. */
    public void setStepCount(int steps) {
        t = steps;
    }

    /**
     * One update. All arrays must be attached (temporarily) to {@code step} so temporaries die with it.
     *
     * @return the gradient norm before clipping; when it is not finite, nothing is updated and the
     *         gradients are cleared
     */
    public double step(NDManager step, double lr, double weightDecay, double clip) {
        List<NDArray> grads = new ArrayList<>(params.size());
        NDArray sq = null;
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            grads.add(g);
            NDArray s = g.square().sum();
            sq = sq == null ? s : sq.add(s);
        }
        double norm = Math.sqrt(sq.getFloat());
        if (!Double.isFinite(norm)) { // applied, it would make every weight and moment NaN for good: drop it
            for (NDArray g : grads) {
                g.set(new NDIndex("..."), 0); // in place; NaN * 0 stays NaN
            }
            return norm;
        }
        double scale = clip > 0 && norm > clip ? clip / norm : 1.0;
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr * Math.sqrt(bc2) / bc1;
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = scale == 1.0 ? grads.get(i) : grads.get(i).mul(scale);
            if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                p.muli(1 - lr * weightDecay);
            }
            m1.get(i).muli(beta1).addi(g.mul(1 - beta1));
            m2.get(i).muli(beta2).addi(g.square().mul(1 - beta2));
            p.subi(m1.get(i).div(m2.get(i).sqrt().add(eps * Math.sqrt(bc2))).mul(stepSize));
            grads.get(i).muli(0); // torch accumulates gradients across backward calls
        }
        return norm;
    }
}
