package io.cascadelab.tune;

import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.KPolicy;
import io.cascadelab.decode.MethodSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grid specs: parsing, expansion into methods, row-major order, and errors that name the bad value. */
class GridSpecTest {

    private static final MethodSpec CSD = new MethodSpec(MethodSpec.Method.CSD, 6, 2, 3, null, null);

    @Test
    void kByLenienceExpandsRowMajorWithTheOtherSettingsFromTheBase() {
        List<GridCell> cells = GridSpec.parse("k=2,4,6", "lenience=1,2,3").expand(CSD);
        assertEquals(9, cells.size());
        for (int i = 0; i < 9; i++) {
            GridCell c = cells.get(i);
            assertEquals(i, c.index());
            assertEquals(i / 3, c.row());
            assertEquals(i % 3, c.col());
            assertEquals(2 + 2 * c.row(), c.spec().k());
            assertEquals(1 + c.col(), c.spec().lenience(), 0);
            assertEquals(3, c.spec().depth());
            assertEquals(KMatrix.expand(c.spec().k(), 3), c.spec().kMatrix());
        }
        assertEquals("4", cells.get(4).rowValue());
        assertEquals("2", cells.get(4).colValue());
    }

    @Test
    void kByDepthChangesTheCascadeDepth() {
        List<GridCell> cells = GridSpec.parse("k=4,8", "depth=1,2,3").expand(CSD);
        assertEquals(List.of(1, 2, 3, 1, 2, 3), cells.stream().map(c -> c.spec().effectiveDepth()).toList());
        assertEquals(8, cells.get(5).spec().draftTokens());
    }

    @Test
    void twoKMatrixEntriesEditTheBaseMatrix() {
        List<GridCell> cells = GridSpec.parse("K[0][0]=1,2", "K01=3,5").expand(CSD);
        int[][] base = KMatrix.expand(6, 3).toIncrements();
        GridCell last = cells.get(3);
        int[][] inc = last.spec().kMatrix().toIncrements();
        assertEquals(2, inc[0][0]);
        assertEquals(5, inc[0][1]);
        assertEquals(base[0][2], inc[0][2]);
        assertEquals(base[1][2], inc[1][2]);
    }

    @Test
    void aPolicyAxisComparesKPolicies() {
        List<GridCell> cells = GridSpec.parse("policy=static,heuristic,goodput", "k=4,8").expand(CSD);
        assertEquals(KPolicy.STATIC, cells.get(0).spec().policy());
        assertTrue(cells.get(2).spec().policy() instanceof KPolicy.Heuristic);
        assertTrue(cells.get(5).spec().policy() instanceof KPolicy.Goodput);
        assertTrue(cells.get(5).spec().label().contains("goodput"), cells.get(5).spec().label());
    }

    @Test
    void badSpecsAreRefusedWithTheValueAndWhatToDo() {
        assertMessage("unknown grid axis 'speed'", () -> GridSpec.parse("speed=1,2", "k=2"));
        assertMessage("both grid axes are k", () -> GridSpec.parse("k=1,2", "k=3"));
        assertMessage("'x' of k is not a whole number", () -> GridSpec.parse("k=2,x", "lenience=1"));
        assertMessage("lenience = 0.5", () -> GridSpec.parse("k=2", "lenience=0.5"));
        assertMessage("lists 2 twice", () -> GridSpec.parse("k=2,2", "lenience=1"));
        assertMessage("must look like axis=v1,v2", () -> GridSpec.parse("k", "lenience=1"));
        assertMessage("cannot be combined with k", () -> GridSpec.parse("k=2", "K[0][1]=1"));
        assertMessage("unknown k policy 'fast'", () -> GridSpec.parse("policy=fast", "k=2"));
        assertMessage("grid cell k=1, depth=3", () -> GridSpec.parse("k=1", "depth=3").expand(CSD));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
