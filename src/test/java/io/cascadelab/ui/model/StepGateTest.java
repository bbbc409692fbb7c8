package io.cascadelab.ui.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause, single step, resume and cancel between target steps. */
class StepGateTest {

    /** A decoding thread that counts steps, passing the gate after each one. */
    private static Thread decoder(StepGate gate, AtomicInteger steps, int max, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try {
                while (steps.get() < max && !gate.isCancelled()) {
                    steps.incrementAndGet();
                    gate.awaitTurn();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(100);
    }

    @Test
    void anOpenGateNeverWaits() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        decoder(new StepGate(false), steps, 50, done);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(50, steps.get());
    }

    @Test
    void aPausedGateLetsExactlyOneStepThroughPerStep() throws InterruptedException {
        StepGate gate = new StepGate(true);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        decoder(gate, steps, 50, done);
        settle();
        assertEquals(1, steps.get(), "the first step runs, then the gate holds");
        gate.step();
        settle();
        assertEquals(2, steps.get());
        gate.step();
        settle();
        assertEquals(3, steps.get());
        gate.resume();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(50, steps.get());
    }

    @Test
    void cancelReleasesAWaitingThread() throws InterruptedException {
        StepGate gate = new StepGate(true);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        decoder(gate, steps, 50, done);
        settle();
        gate.cancel();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(1, steps.get());
    }

    @Test
    void pauseHoldsARunningThreadAfterItsCurrentStep() throws InterruptedException {
        StepGate gate = new StepGate(false);
        gate.pause();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        decoder(gate, steps, 50, done);
        settle();
        assertEquals(1, steps.get());
        gate.cancel();
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }
}
