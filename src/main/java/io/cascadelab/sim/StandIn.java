package io.cascadelab.sim;

/**
 * One simulated drafter: how often it agrees with the target at each position of its draft, and
 * what one of its forward passes costs relative to the target's.
 *
 * @param name       level name shown in the run (the smallest is always "MaG")
 * @param acceptance probability of agreeing with the target at draft position 0, 1, …; the last
 *                   value holds for every later position
 * @param costRatio  cost of one forward pass ÷ the target's (Max-Gram: 0)
 */
public record StandIn(String name, double[] acceptance, double costRatio) {

    public StandIn {
        if (acceptance == null || acceptance.length == 0) {
            throw new IllegalArgumentException(name + ": give at least one acceptance probability");
        }
        for (double a : acceptance) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException(name + ": acceptance " + a + " is not a probability between 0 and 1");
            }
        }
        if (!(costRatio >= 0) || Double.isInfinite(costRatio)) {
            throw new IllegalArgumentException(name + ": cost ratio must be a number >= 0, got " + costRatio);
        }
        acceptance = acceptance.clone();
    }

    /** Agreement probability at draft position {@code j}. */
    public double acceptanceAt(int j) {
        return acceptance[Math.min(j, acceptance.length - 1)];
    }

    @Override
    public double[] acceptance() {
        return acceptance.clone();
    }
}
