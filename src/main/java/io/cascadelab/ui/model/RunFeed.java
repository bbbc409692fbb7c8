package io.cascadelab.ui.model;

import io.cascadelab.trace.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-over from the decoding thread to the UI: the decoding thread offers each step (already
 * turned into view items), the UI drains a bounded batch per frame, so the scene graph is updated
 * a few steps at a time and never once per token.
 */
public final class RunFeed {

    /** One step, ready to render. */
    public record StepUpdate(StepEvent event, StepView view, List<Provenance> legend) {
    }

    private final ConcurrentLinkedQueue<StepUpdate> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Decoding thread: a step is ready. */
    public void offer(StepUpdate u) {
        queue.add(u);
        size.incrementAndGet();
    }

    /** UI thread: up to {@code max} steps, oldest first. */
    public List<StepUpdate> drain(int max) {
        List<StepUpdate> out = new ArrayList<>();
        StepUpdate u;
        while (out.size() < max && (u = queue.poll()) != null) {
            out.add(u);
            size.decrementAndGet();
        }
        return out;
    }

    /** Steps waiting. */
    public int backlog() {
        return size.get();
    }
}
