package io.cascadelab.gpu;

import ai.djl.Device;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelSession;
import io.cascadelab.model.PrecisionCheck;
import io.cascadelab.util.AppPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded family on the GPU against the CPU (tools/gpu-check.sh runs this on a machine with
 * an NVIDIA GPU and the -Pcuda build; everywhere else it is skipped): logits within the documented
 * precision (F32 on both: 1e-3 of the largest logit, for the GPU's other summation order), greedy
 * tokens identical, SD and CS Drafting on the GPU greedy-identical to plain decoding; and the same
 * family computing in F16 on the GPU: logits within 1 % of the largest F32 logit, greedy tokens equal
 * to the CPU's F32 ones wherever F32's top-2 margin exceeds twice the error, SD and CSD lossless.
 */
@Tag("gpu")
class GpuDecodingTest {

    static final String PROMPT = "And God said, Let there be light: and there was light.";
    static ModelFamily cpu;
    static ModelFamily gpu;
    static ModelFamily gpuHalf;

    @BeforeAll
    static void needsAGpu() {
        assumeTrue(DjlEnvironment.engine().getGpuCount() > 0, "no GPU visible to DJL: GPU checks skipped");
        cpu = ModelFamily.loadFolder(AppPaths.embeddedFamily(), Device.cpu());
        gpu = ModelFamily.loadFolder(AppPaths.embeddedFamily(), Device.gpu());
        gpuHalf = ModelFamily.loadFolder(AppPaths.embeddedFamily(), Device.gpu(), ComputeDType.F16);
    }

    @AfterAll
    static void close() {
        if (cpu != null) {
            cpu.close();
        }
        if (gpu != null) {
            gpu.close();
        }
        if (gpuHalf != null) {
            gpuHalf.close();
        }
    }

    private static int[] ids() {
        return cpu.target().tokenizer().encode(PROMPT);
    }

    private static int[] greedy(ModelFamily f, MethodSpec m, String device) {
        return Runner.run(f, new Runner.Request(m.forFamily(f), SamplingSettings.GREEDY, 96), ids(), PROMPT, List.of(), null,
                ev -> { }, () -> false, device).result().tokens();
    }

    @Test
    void logitsOnTheGpuAreWithinTheDocumentedPrecisionOfTheCpu() {
        try (ModelSession a = cpu.target().newSession(64); ModelSession b = gpu.target().newSession(64)) {
            float[][] x = a.forward(ids(), false).logits(), y = b.forward(ids(), false).logits();
            double scale = 0, err = 0;
            for (int p = 0; p < x.length; p++) {
                for (int v = 0; v < x[p].length; v++) {
                    scale = Math.max(scale, Math.abs(x[p][v]));
                    err = Math.max(err, Math.abs(x[p][v] - y[p][v]));
                }
            }
            assertTrue(err <= 1e-3 * Math.max(1, scale), "max logit error " + err + " (largest logit " + scale + ")");
        }
    }

    @Test
    void greedyTokensOnTheGpuEqualTheCpusAndSdAndCsdAreLossless() {
        int[] reference = greedy(cpu, MethodSpec.ar(), "cpu");
        assertArrayEquals(reference, greedy(gpu, MethodSpec.ar(), "gpu"), "plain decoding, GPU vs CPU");
        assertArrayEquals(reference, greedy(gpu, new MethodSpec(MethodSpec.Method.SD, 6, 1, 1, null, null), "gpu"), "SD");
        assertArrayEquals(reference, greedy(gpu, new MethodSpec(MethodSpec.Method.CSD, 6, 2, 3, null, null), "gpu"), "CSD");
    }

    @Test
    void f16OnTheGpuStaysWithinItsPrecisionAndSpeculationIsLossless() {
        assertTrue(gpuHalf.target().computeDtype() == ComputeDType.F16, "the F16 family computes in F16");
        PrecisionCheck.Result r = PrecisionCheck.compare(cpu.target(), gpuHalf.target(), ids(), 96);
        assertTrue(r.maxAbsDiff() <= 0.01 * Math.max(1, r.logitScale()), r.toString());
        assertTrue(r.greedyIdentical() || r.marginAtDivergence() <= 2 * r.maxAbsDiff(), r.toString());
        int[] reference = greedy(gpuHalf, MethodSpec.ar(), "gpu");
        assertArrayEquals(reference, greedy(gpuHalf, new MethodSpec(MethodSpec.Method.SD, 6, 1, 1, null, null), "gpu"), "SD in F16");
        assertArrayEquals(reference, greedy(gpuHalf, new MethodSpec(MethodSpec.Method.CSD, 6, 2, 3, null, null), "gpu"), "CSD in F16");
    }
}
