package io.cascadelab.decode;

import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;

/** k + 2 after a step whose whole draft was accepted, k − 1 otherwise, within [kMin, kMax]. */
final class HeuristicSchedule implements KSchedule {

    private final int kMin;
    private final int kMax;
    private int k;

    HeuristicSchedule(int k0, int kMin, int kMax) {
        this.kMin = kMin;
        this.kMax = kMax;
        this.k = Math.max(kMin, Math.min(kMax, k0));
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public void observe(StepEvent step) {
        ReviewRecord t = step.targetReview();
        int drafted = t.drafted().length;
        if (drafted == 0) {
            return; // nothing was proposed (Max-Gram found no match): says nothing about k
        }
        k = t.accepted() == drafted ? Math.min(kMax, k + 2) : Math.max(kMin, k - 1);
    }
}
