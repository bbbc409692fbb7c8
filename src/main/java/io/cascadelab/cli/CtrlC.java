package io.cascadelab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or a kill) during long work: the work is told to stop, and the JVM waits, up to two
 * minutes, until the command has printed and saved what it finished ({@link #close}).
 */
final class CtrlC implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC() {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ctrl-c");
    }

    /** Starts listening for Ctrl-C. */
    static CtrlC install() {
        CtrlC c = new CtrlC();
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** True once Ctrl-C was pressed. */
    boolean stopped() {
        return stop.get();
    }

    /** The work is saved: the JVM may exit now. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down (Ctrl-C): the hook is running and now returns
        }
    }
}
