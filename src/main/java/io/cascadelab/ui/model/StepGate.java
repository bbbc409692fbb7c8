package io.cascadelab.ui.model;

/**
 * Pause and single-step for a decoding thread: the thread calls {@link #awaitTurn()} between
 * target steps; while paused it waits until {@link #step()} grants one more step, {@link #resume()}
 * or {@link #cancel()}.
 */
public final class StepGate {

    private boolean paused;
    private int permits;
    private boolean cancelled;

    /** A gate that starts paused (run step by step) or open. */
    public StepGate(boolean paused) {
        this.paused = paused;
    }

    /** Called by the decoding thread after each step; blocks while paused without a permit. */
    public synchronized void awaitTurn() throws InterruptedException {
        while (paused && permits == 0 && !cancelled) {
            wait();
        }
        if (paused && permits > 0) {
            permits--;
        }
    }

    /** Stops the run after the step in progress. */
    public synchronized void pause() {
        paused = true;
        notifyAll();
    }

    /** Lets the run continue freely. */
    public synchronized void resume() {
        paused = false;
        permits = 0;
        notifyAll();
    }

    /** Pauses (if running) and allows exactly one more target step. */
    public synchronized void step() {
        paused = true;
        permits++;
        notifyAll();
    }

    /** Releases a waiting thread for good; {@link #isCancelled()} turns true. */
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
