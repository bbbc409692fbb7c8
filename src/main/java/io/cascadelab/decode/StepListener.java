package io.cascadelab.decode;

import io.cascadelab.trace.StepEvent;

/** Receives each finished step (on the decoding thread). */
@FunctionalInterface
public interface StepListener {
    void onStep(StepEvent step);
}
