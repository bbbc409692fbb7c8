package io.cascadelab.decode;

import io.cascadelab.trace.StepEvent;

import java.util.function.Supplier;

/**
 * The live settings of a run under a {@link KPolicy}: lenience (and, for static k, k) from the
 * underlying settings, k from the policy's schedule, the confidence cut-off from the policy.
 */
public final class PolicySettings implements Supplier<LiveSettings>, StepListener {

    /** Upper bound for adaptive k: twice the starting k, at least starting k + 4. */
    public static int maxK(int k0) {
        return Math.max(2 * k0, k0 + 4);
    }

    private final MethodSpec spec;
    private final Supplier<LiveSettings> base;
    private final KSchedule schedule;

    public PolicySettings(MethodSpec spec, Supplier<LiveSettings> base) {
        this.spec = spec;
        this.base = base;
        int k0 = spec.draftTokens();
        int kMin = spec.method() == MethodSpec.Method.CSD ? Math.max(1, spec.effectiveDepth() - 1) : 1;
        this.schedule = spec.policy().schedule(k0, kMin, maxK(k0));
    }

    @Override
    public LiveSettings get() {
        LiveSettings b = base.get();
        KMatrix k = spec.policy().adaptsK() && b.kMatrix() != null ? spec.withK(schedule.k()).kMatrix() : b.kMatrix();
        return new LiveSettings(k, b.lenience(), spec.policy().confidenceCutoff());
    }

    @Override
    public void onStep(StepEvent step) {
        schedule.observe(step);
    }
}
