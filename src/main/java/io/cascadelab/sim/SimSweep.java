package io.cascadelab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** The same simulation at every k of a range, to see how speedup moves with k. */
public final class SimSweep {

    private SimSweep() {
    }

    /** Runs {@code base} with k = from..to (skipping k too small for the depth); {@code done} hears each finished k. */
    public static List<SimResult> overK(SimSettings base, int from, int to, BooleanSupplier cancelled, IntConsumer done) {
        List<SimResult> out = new ArrayList<>();
        int first = Math.max(from, Math.max(1, base.drafters().size() - 1));
        for (int k = first; k <= to; k++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("simulation cancelled");
            }
            out.add(Simulator.run(base.withK(k), s -> { }, cancelled));
            done.accept(k);
        }
        return out;
    }

    /** Parses acceptance probabilities by position: "0.8, 0.7, 0.6" (the last holds for later positions). */
    public static double[] parseAcceptance(String name, String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("[,;\\s]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(name + ": give the acceptance by draft position, e.g. 0.8, 0.7, 0.6");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + parts[i] + "' is not a number; write probabilities like 0.8, 0.7");
            }
        }
        return out;
    }
}
