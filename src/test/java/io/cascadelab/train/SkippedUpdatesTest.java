package io.cascadelab.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A skipped update is logged; ten in a row stop the run after saving its checkpoint; a finite one starts the count again. */
class SkippedUpdatesTest {

    @Test
    void skippedUpdatesAreLoggedAndTenInARowStopTheRunWithACheckpoint() throws Exception {
        SkippedUpdates s = new SkippedUpdates(Path.of("work"));
        List<String> log = new ArrayList<>();
        AtomicInteger saves = new AtomicInteger();
        s.record(1, 0.5, log::add, saves::incrementAndGet);
        assertTrue(log.isEmpty());
        for (int i = 0; i < SkippedUpdates.MAX_IN_A_ROW - 1; i++) {
            s.record(2 + i, Double.NaN, log::add, saves::incrementAndGet);
        }
        s.record(20, 0.7, log::add, saves::incrementAndGet); // a finite gradient: the count starts again
        assertEquals(SkippedUpdates.MAX_IN_A_ROW - 1, log.size());
        assertTrue(log.get(0).startsWith("step 2: the gradient norm is NaN; update skipped (1 in a row)"), log.get(0));
        for (int i = 0; i < SkippedUpdates.MAX_IN_A_ROW - 1; i++) {
            s.record(21 + i, Double.POSITIVE_INFINITY, log::add, saves::incrementAndGet);
        }
        assertEquals(0, saves.get());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.record(30, Double.NaN, log::add, saves::incrementAndGet));
        assertEquals(1, saves.get(), "the checkpoint is saved before the run stops");
        assertTrue(e.getMessage().contains("step 30") && e.getMessage().contains("work"), e.getMessage());
    }
}
