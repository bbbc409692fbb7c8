package io.cascadelab.model;

/**
 * Rotary frequency scaling from config.json ("rope_scaling" or transformers 5's "rope_parameters").
 *
 * @param type "default", "linear" or "llama3"
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {

    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling("default", 1, 1, 1, 0);

    /**
     * Inverse frequencies for a rotary dimension, HF's formula per type.
     *
     * @param rotaryDim number of rotated channels (even)
     */
    public double[] inverseFrequencies(double theta, int rotaryDim) {
        double[] inv = new double[rotaryDim / 2];
        for (int i = 0; i < inv.length; i++) {
            // HF computes the exponent in float32 (arange(0, dim, 2).float() / dim); same values in double.
            inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / rotaryDim);
        }
        switch (type) {
            case "default" -> {
            }
            case "linear" -> {
                for (int i = 0; i < inv.length; i++) {
                    inv[i] /= factor;
                }
            }
            case "llama3" -> {
                double lowWavelen = originalMaxPositions / lowFreqFactor;
                double highWavelen = originalMaxPositions / highFreqFactor;
                for (int i = 0; i < inv.length; i++) {
                    double wavelen = 2 * Math.PI / inv[i];
                    if (wavelen > lowWavelen) {
                        inv[i] = inv[i] / factor;
                    } else if (wavelen >= highWavelen) {
                        double smooth = (originalMaxPositions / wavelen - lowFreqFactor)
                                / (highFreqFactor - lowFreqFactor);
                        inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
                    }
                }
            }
            default -> throw new IllegalStateException("unsupported rope type " + type);
        }
        return inv;
    }
}
