package io.cascadelab.decode;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How tokens are chosen: greedy, or sampling with temperature, top-k and top-p, and the seed of
 * the run's random stream.
 *
 * @param greedy      pick the argmax instead of sampling (temperature, top-k and top-p are then ignored)
 * @param temperature logit divisor, finite and > 0 (use {@code greedy} for "temperature 0")
 * @param topK        keep the k most probable tokens; 0 switches the filter off
 * @param topP        nucleus mass in (0, 1]; 1 switches the filter off
 * @param seed        seed of the random stream, so that a run can be replayed
 */
public record SamplingSettings(boolean greedy, double temperature, int topK, double topP, long seed) {

    /** Greedy decoding (seed 0: greedy consumes no randomness). */
    public static final SamplingSettings GREEDY = new SamplingSettings(true, 1.0, 0, 1.0, 0L);

    /** Validates every field; the message names the bad value. */
    public SamplingSettings {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be a finite number > 0 (choose greedy for temperature 0), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 = off), got " + topP);
        }
    }

    /** Sampling settings with the given filters. */
    public static SamplingSettings sampling(double temperature, int topK, double topP, long seed) {
        return new SamplingSettings(false, temperature, topK, topP, seed);
    }

    /**
     * The distribution a level's tokens are judged and drawn from: softmax at the temperature,
     * then top-k, then top-p, renormalised after each filter (the order Hugging Face uses).
     *
     * <p>In greedy mode this is the plain softmax at temperature 1 without filters. Greedy
     * choices only need the argmax (which temperature and filters never change), but the lenient
     * greedy rule compares probabilities ({@code p(x) > q(x)/l}) and the paper's code makes that
     * comparison on the plain softmax.
     */
    public float[] probabilities(float[] logits) {
        if (greedy) {
            return Distribution.softmax(logits, 1.0);
        }
        float[] probs = Distribution.softmax(logits, temperature);
        probs = Distribution.topK(probs, topK);
        return Distribution.topP(probs, topP);
    }

    /** The softmax temperature of {@link #probabilities}: 1 for greedy. */
    public double softmaxTemperature() {
        return greedy ? 1.0 : temperature;
    }

    /**
     * The top-k / top-p part of {@link #probabilities}, for distributions already softmaxed at
     * {@link #softmaxTemperature()} (by the engine, which is much faster than a Java loop).
     */
    public float[] filter(float[] softmaxed) {
        if (greedy || (topK <= 0 && topP >= 1)) {
            return softmaxed;
        }
        return Distribution.topP(Distribution.topK(softmaxed, topK), topP);
    }

    /** A fresh random stream from {@link #seed()}; the same seed replays the same run. */
    public RandomGenerator newRandom() {
        return new SplittableRandom(seed);
    }
}
