package io.cascadelab.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntegerTicksTest {

    @Test
    void theUnitIsOneTwoOrFiveTimesAPowerOfTenWithAtMostEightSteps() {
        assertEquals(1, IntegerTicks.unit(0));
        assertEquals(1, IntegerTicks.unit(2));
        assertEquals(1, IntegerTicks.unit(8));
        assertEquals(2, IntegerTicks.unit(9));
        assertEquals(2, IntegerTicks.unit(12));
        assertEquals(5, IntegerTicks.unit(40));
        assertEquals(10, IntegerTicks.unit(41));
        assertEquals(100, IntegerTicks.unit(438));
    }
}
