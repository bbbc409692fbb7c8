package io.cascadelab.draft.speculator;

import io.cascadelab.decode.Distribution;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.LevelContext;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.trace.ModelCost;

import java.util.Arrays;
import java.util.Random;

/**
 * An MLP speculator level, reading the target's hidden states; it must be d_1.
 *
 * @param heads heads per draft (at most n_predict)
 * @param tree  verify a candidate tree (greedy) instead of a chain
 */
public record SpeculatorSpec(MlpSpeculator speculator, int heads, boolean tree) implements LevelSpec {

    @Override
    public DrafterKind kind() {
        return SpeculatorKind.INSTANCE;
    }

    @Override
    public String name() {
        return speculator.name();
    }

    @Override
    public boolean readsTargetHidden() {
        return true;
    }

    @Override
    public void checkPlacement(LoadedModel target, int index, int count) {
        LevelSpec.super.checkPlacement(target, index, count);
        speculator.checkTarget(target.config(), target.name());
        if (tree && count > 1) {
            throw new IllegalArgumentException("the speculator's candidate tree is verified on its own: "
                    + "no drafter can follow it (use the chain to combine it with Max-Gram)");
        }
    }

    @Override
    public Drafter create(LevelContext c) {
        return new SpeculatorLevel(speculator, c.name(), c.level(), c.target(), heads, tree);
    }

    /**
     * One call runs a chain of {@code heads} heads (one "forward pass" in SWI terms), so c(1) =
     * c(k+1) = the median time of a whole chain.
     */
    @Override
    public ModelCost cost(String name, int level, int context, int k, int repeats) {
        Random r = new Random(7);
        int de = speculator.config().embDim();
        double[] t = new double[repeats];
        for (int i = -2; i < repeats; i++) {
            float[] hidden = new float[de];
            for (int j = 0; j < de; j++) {
                hidden[j] = (float) r.nextGaussian();
            }
            long t0 = System.nanoTime();
            try (MlpSpeculator.Chain c = speculator.chain(hidden)) {
                int tok = r.nextInt(speculator.config().vocabSize());
                for (int h = 0; h < heads; h++) {
                    tok = Distribution.argmax(c.next(tok));
                }
            }
            long dt = System.nanoTime() - t0;
            if (i >= 0) {
                t[i] = dt;
            }
        }
        Arrays.sort(t);
        return new ModelCost(name, level, speculator.parameterCount(), t[repeats / 2], t[repeats / 2], heads);
    }
}
