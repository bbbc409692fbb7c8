package io.cascadelab.decode;

import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;

/** k + 2 after a step whose whole draft was accepted, k − 1 otherwise, within [kMin, kMax]. */
final class HeuristicSchedule extends BoundedSchedule {

    HeuristicSchedule(int k0, int kMin, int kMax) {
        super(k0, kMin, kMax);
    }

    @Override
    public void observe(StepEvent step) {
        ReviewRecord t = step.targetReview();
        int drafted = t.drafted().length;
        if (drafted == 0) {
            return; // nothing was proposed (Max-Gram found no match): says nothing about k
        }
        setK(t.accepted() == drafted ? k() + 2 : k() - 1);
    }
}
