package io.cascadelab.decode;

/** The common part of the adaptive schedules: a k that moves within [kMin, kMax]. */
abstract class BoundedSchedule implements KSchedule {

    protected final int kMin;
    protected final int kMax;
    private int k;

    BoundedSchedule(int k0, int kMin, int kMax) {
        this.kMin = kMin;
        this.kMax = kMax;
        this.k = clamp(k0);
    }

    @Override
    public final int k() {
        return k;
    }

    /** Sets the next k, clamped to [kMin, kMax]. */
    protected final void setK(int next) {
        k = clamp(next);
    }

    private int clamp(int v) {
        return Math.max(kMin, Math.min(kMax, v));
    }
}
