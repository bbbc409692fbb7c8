package io.cascadelab.decode;

import io.cascadelab.trace.StepEvent;

/** Per-run state of a {@link KPolicy}: the k for the next step, updated after every step. */
public interface KSchedule {

    /** Draft tokens the next target review asks for. */
    int k();

    /** Learns from a finished step. */
    void observe(StepEvent step);

    /** A schedule that never changes k. */
    static KSchedule fixed(int k) {
        return new KSchedule() {
            @Override
            public int k() {
                return k;
            }

            @Override
            public void observe(StepEvent step) {
            }
        };
    }
}
