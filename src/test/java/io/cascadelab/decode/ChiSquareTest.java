package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statistical tests are only as good as their p-values: check them against scipy. */
class ChiSquareTest {

    @Test
    void pValuesMatchScipy() {
        assertEquals(0.001565402258002549, ChiSquare.pValue(10.0, 1), 1e-12);
        assertEquals(0.01856613546304325, ChiSquare.pValue(10.0, 3), 1e-12);
        assertEquals(0.07523524614651217, ChiSquare.pValue(10.0, 5), 1e-12);
        assertEquals(0.8197399195036016, ChiSquare.pValue(10.0, 15), 1e-12);
        assertEquals(0.9999895567831909, ChiSquare.pValue(10.0, 35), 1e-12);
    }

    @Test
    void criticalValuesMatchScipy() {
        assertEquals(15.136705226623606, ChiSquare.critical(1), 1e-9);
        assertEquals(25.74483195905612, ChiSquare.critical(5), 1e-9);
        assertEquals(44.26322494417528, ChiSquare.critical(15), 1e-9);
        assertEquals(74.92622189370526, ChiSquare.critical(35), 1e-9);
    }
}
