package io.cascadelab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.cascadelab.model.DjlEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** AdamW drops a non-finite gradient instead of writing NaN into every weight and moment. */
class AdamWTest {

    private static void backward(Engine engine, NDArray p, float[] x) {
        try (GradientCollector gc = engine.newGradientCollector()) {
            // d/dp sqrt(p * x) is infinite or NaN where p * x <= 0
            gc.backward(p.mul(p.getManager().create(x)).sqrt().sum());
        }
    }

    @Test
    void aNonFiniteGradientLeavesTheWeightsAloneAndTheNextStepLearns() {
        Engine engine = DjlEnvironment.engine();
        try (NDManager m = engine.newBaseManager()) {
            NDArray p = m.create(new float[] {1f, 2f, 3f});
            p.setRequiresGradient(true);
            AdamW adam = new AdamW(List.of(p), m, 0.9, 0.95);
            backward(engine, p, new float[] {1f, -1f, 0f});
            double norm = adam.step(m, 0.1, 0, 1.0);
            assertFalse(Double.isFinite(norm), "the test's gradient is not finite");
            assertArrayEquals(new float[] {1f, 2f, 3f}, p.toFloatArray(), "weights unchanged");
            assertEquals(0, adam.stepCount());
            assertArrayEquals(new float[3], p.getGradient().toFloatArray(), "gradient cleared");
            backward(engine, p, new float[] {1f, 1f, 1f});
            double next = adam.step(m, 0.1, 0, 1.0);
            assertFalse(Double.isNaN(next));
            assertNotEquals(1f, p.toFloatArray()[0], "a finite gradient updates again");
            assertFalse(Float.isNaN(p.toFloatArray()[1]));
        }
    }
}
