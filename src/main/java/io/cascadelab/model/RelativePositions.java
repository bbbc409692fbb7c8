package io.cascadelab.model;

/**
 * T5's relative position buckets: the distance from a query to a key, binned exactly for small
 * distances and logarithmically up to a maximum distance (transformers' _relative_position_bucket).
 * The logarithmic bins are computed in float32 as transformers does, so boundaries land alike.
 */
public final class RelativePositions {

    private RelativePositions() {
    }

    /**
     * The bucket of {@code relative} = key position − query position.
     *
     * @param bidirectional true for the encoder (half the buckets for keys after the query); the
     *                      decoder's causal attention maps keys after the query to bucket 0
     */
    public static int bucket(int relative, boolean bidirectional, int numBuckets, int maxDistance) {
        int base = 0;
        int n = numBuckets;
        int distance;
        if (bidirectional) {
            n /= 2;
            base = relative > 0 ? n : 0;
            distance = Math.abs(relative);
        } else {
            distance = Math.max(-relative, 0);
        }
        int maxExact = n / 2;
        if (distance < maxExact) {
            return base + distance;
        }
        float ratio = (float) distance / maxExact;
        float scaled = (float) Math.log(ratio) / (float) Math.log((double) maxDistance / maxExact) * (n - maxExact);
        return base + Math.min(maxExact + (int) scaled, n - 1);
    }
}
