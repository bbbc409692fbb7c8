package io.cascadelab.ui.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Heat-map colour buckets: lowest to highest value, equal values in the middle, unknown values apart. */
class HeatScaleTest {

    @Test
    void valuesSpreadOverTheBucketsFromLowestToHighest() {
        HeatScale s = new HeatScale(1.0, 2.0);
        assertEquals(0, s.bucket(1.0));
        assertEquals(HeatScale.BUCKETS - 1, s.bucket(2.0));
        assertEquals(HeatScale.BUCKETS / 2, s.bucket(1.5));
        assertEquals(0, s.bucket(0.5), "clamped below");
        assertEquals(-1, s.bucket(Double.NaN));
        assertEquals(HeatScale.BUCKETS / 2, new HeatScale(3, 3).bucket(3));
    }
}
