package io.cascadelab.ui;

import io.cascadelab.decode.KMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advanced K-matrix editor's text form: rows on lines, entries separated by spaces. */
class KMatrixEditorTest {

    @Test
    void theEditorFormRoundTrips() {
        KMatrix k = KMatrix.of(new int[][] {{5, 14, 10}, {0, 1, 10}, {0, 0, 10}});
        assertEquals("5 14 10\n0 1 10\n0 0 10", MethodController.grid(k));
        assertEquals(k, MethodController.parseGrid(MethodController.grid(k)));
    }

    @Test
    void commasExtraSpacesAndBlankLinesAreAccepted() {
        assertEquals(KMatrix.of(new int[][] {{4, 2}, {0, 3}}), MethodController.parseGrid("  4, 2\n\n 0   3 \n"));
    }

    @Test
    void aNonSquareMatrixIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodController.parseGrid("1 2\n0"));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
    }

    @Test
    void theMatrixViewAlignsTheRows() {
        assertEquals("K =  4  1\n     0  3", MethodController.format(KMatrix.of(new int[][] {{4, 1}, {0, 3}})));
    }
}
