package io.cascadelab.model;

import java.util.List;

/**
 * Rotary frequency scaling from config.json ("rope_scaling" or transformers 5's "rope_parameters"),
 * each variant following transformers' {@code modeling_rope_utils} formula.
 */
public sealed interface RopeScaling {

    /** No scaling. */
    RopeScaling NONE = new None();

    /** The {@code rope_type} name. */
    String type();

    /** Inverse frequencies for positions below {@link #longFrom()}. */
    double[] inverseFrequencies(double theta, int rotaryDim);

    /** Inverse frequencies for positions from {@link #longFrom()} on. */
    default double[] longInverseFrequencies(double theta, int rotaryDim) {
        return inverseFrequencies(theta, rotaryDim);
    }

    /** First position that uses {@link #longInverseFrequencies}. */
    default int longFrom() {
        return Integer.MAX_VALUE;
    }

    /** cos and sin are multiplied by this (yarn's and longrope's attention factor). */
    default double attentionFactor() {
        return 1;
    }

    /** θ^(−2i/d) for i < d/2. */
    static double[] base(double theta, int rotaryDim) {
        double[] inv = new double[rotaryDim / 2];
        for (int i = 0; i < inv.length; i++) {
            // HF computes the exponent in float32 (arange(0, dim, 2).float() / dim); same values in double.
            inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / rotaryDim);
        }
        return inv;
    }

    /** Plain rotary embeddings (also "dynamic" inside max_position_embeddings, where it equals plain). */
    record None() implements RopeScaling {
        @Override
        public String type() {
            return "default";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            return base(theta, rotaryDim);
        }
    }

    /** Positions divided by {@code factor}. */
    record Linear(double factor) implements RopeScaling {
        @Override
        public String type() {
            return "linear";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            double[] inv = base(theta, rotaryDim);
            for (int i = 0; i < inv.length; i++) {
                inv[i] /= factor;
            }
            return inv;
        }
    }

    /**
     * One divisor per frequency, as llama.cpp's converter stores Llama 3.1's scaling in a GGUF
     * file (the rope_freqs tensor): the llama3 formula already applied.
     */
    record Divisors(List<Double> divisors) implements RopeScaling {
        public Divisors {
            divisors = List.copyOf(divisors);
        }

        @Override
        public String type() {
            return "rope_freqs";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            double[] inv = base(theta, rotaryDim);
            for (int i = 0; i < inv.length; i++) {
                inv[i] /= divisors.get(i);
            }
            return inv;
        }
    }

    /** Llama 3.1: long wavelengths divided by factor, short ones kept, a smooth blend between. */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions)
            implements RopeScaling {
        @Override
        public String type() {
            return "llama3";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            double[] inv = base(theta, rotaryDim);
            double lowWavelen = originalMaxPositions / lowFreqFactor;
            double highWavelen = originalMaxPositions / highFreqFactor;
            for (int i = 0; i < inv.length; i++) {
                double wavelen = 2 * Math.PI / inv[i];
                if (wavelen > lowWavelen) {
                    inv[i] = inv[i] / factor;
                } else if (wavelen >= highWavelen) {
                    double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                    inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
                }
            }
            return inv;
        }
    }

    /** YaRN: interpolation and extrapolation blended by a linear ramp over the correction range. */
    record Yarn(double factor, double betaFast, double betaSlow, int originalMaxPositions, double attentionFactor,
                boolean truncate) implements RopeScaling {
        @Override
        public String type() {
            return "yarn";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            double[] extrapolation = base(theta, rotaryDim);
            double low = correctionDim(betaFast, rotaryDim, theta);
            double high = correctionDim(betaSlow, rotaryDim, theta);
            if (truncate) {
                low = Math.floor(low);
                high = Math.ceil(high);
            }
            low = Math.max(low, 0);
            high = Math.min(high, rotaryDim - 1);
            if (low == high) {
                high += 0.001; // as transformers: avoid a zero-width ramp
            }
            double[] inv = new double[extrapolation.length];
            for (int i = 0; i < inv.length; i++) {
                double ramp = Math.min(1, Math.max(0, (i - low) / (high - low)));
                double extrapolationWeight = 1 - ramp;
                inv[i] = extrapolation[i] / factor * (1 - extrapolationWeight) + extrapolation[i] * extrapolationWeight;
            }
            return inv;
        }

        private double correctionDim(double rotations, int dim, double theta) {
            return dim * Math.log(originalMaxPositions / (rotations * 2 * Math.PI)) / (2 * Math.log(theta));
        }

        /** transformers' default attention factor: 0.1 · mscale · ln(factor) + 1, or the mscale ratio. */
        public static double defaultAttentionFactor(double factor, double mscale, double mscaleAllDim) {
            if (mscale != 0 && mscaleAllDim != 0) {
                return mscale(factor, mscale) / mscale(factor, mscaleAllDim);
            }
            return mscale(factor, 1);
        }

        private static double mscale(double scale, double m) {
            return scale <= 1 ? 1.0 : 0.1 * m * Math.log(scale) + 1.0;
        }
    }

    /**
     * LongRoPE (Phi-3/Phi-4 "longrope", "su"): per-frequency factors, short below
     * original_max_position_embeddings, long from there on. transformers switches the whole
     * sequence to the long factors once it grows past that length, so its results with and
     * without its KV cache differ beyond it; a position-wise switch matches its cached generation
     * when the prompt fits in the original length.
     */
    record LongRope(List<Double> shortFactor, List<Double> longFactor, int originalMaxPositions,
                    double attentionFactor) implements RopeScaling {
        public LongRope {
            shortFactor = List.copyOf(shortFactor);
            longFactor = List.copyOf(longFactor);
        }

        @Override
        public String type() {
            return "longrope";
        }

        @Override
        public double[] inverseFrequencies(double theta, int rotaryDim) {
            return scaled(theta, rotaryDim, shortFactor);
        }

        @Override
        public double[] longInverseFrequencies(double theta, int rotaryDim) {
            return scaled(theta, rotaryDim, longFactor);
        }

        @Override
        public int longFrom() {
            return originalMaxPositions;
        }

        private static double[] scaled(double theta, int rotaryDim, List<Double> factors) {
            double[] inv = base(theta, rotaryDim);
            for (int i = 0; i < inv.length; i++) {
                inv[i] = 1.0 / (factors.get(i) * (1.0 / inv[i]));
            }
            return inv;
        }

        /** transformers' default: √(1 + ln(factor) / ln(original)), 1 when factor ≤ 1. */
        public static double defaultAttentionFactor(double factor, int originalMaxPositions) {
            return factor <= 1 ? 1.0 : Math.sqrt(1 + Math.log(factor) / Math.log(originalMaxPositions));
        }
    }
}
