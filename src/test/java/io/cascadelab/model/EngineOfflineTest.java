package io.cascadelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled PyTorch engine starts offline and computes correctly on the CPU. */
class EngineOfflineTest {

    @BeforeAll
    static void initialise() {
        DjlEnvironment.init();
    }

    @Test
    void initSwitchesDjlToOfflineMode() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void engineIsPyTorch() {
        assertEquals("PyTorch", DjlEnvironment.engine().getEngineName());
    }

    @Test
    void matMulOfSmallMatricesMatchesTheHandComputedProduct() {
        try (NDManager manager = DjlEnvironment.engine().newBaseManager(DjlEnvironment.resolveDevice("cpu"))) {
            // A = [[1, 2, 3], [4, 5, 6]] (2x3), B = [[7, 8], [9, 10], [11, 12]] (3x2)
            NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = manager.create(new float[] {7, 8, 9, 10, 11, 12}, new Shape(3, 2));
            NDArray c = a.matMul(b);
            // [1*7+2*9+3*11, 1*8+2*10+3*12] = [58, 64]; [4*7+5*9+6*11, 4*8+5*10+6*12] = [139, 154]
            assertEquals(new Shape(2, 2), c.getShape());
            assertArrayEquals(new float[] {58, 64, 139, 154}, c.toFloatArray(), 0f);
        }
    }

    @Test
    void cpuIsAlwaysAvailable() {
        assertEquals(Device.cpu(), DjlEnvironment.resolveDevice("cpu"));
    }

    @Test
    void aGpuThatIsNotPresentIsRejectedWithAnActionableMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DjlEnvironment.resolveDevice("gpu:7"));
        assertTrue(e.getMessage().contains("gpu:7"), e.getMessage());
    }

    @Test
    void anUnknownDeviceNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DjlEnvironment.resolveDevice("tpu"));
        assertTrue(e.getMessage().contains("unknown device 'tpu'"), e.getMessage());
    }
}
