package io.cascadelab.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns ggml blocks into floats, each format as ggml's reference dequantisers (and gguf's numpy
 * ones) compute it, in float32 and in the same order of operations, so the results are equal.
 */
final class Dequantizer {

    private static final int QK_K = 256;

    private Dequantizer() {
    }

    static boolean supports(GgmlType t) {
        return switch (t) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K -> true;
            default -> false;
        };
    }

    /** {@code count} values of type {@code t} from {@code data} (little-endian, positioned at the tensor). */
    static float[] dequantize(GgmlType t, ByteBuffer data, int count) {
        ByteBuffer b = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (t) { // one value per "block": converted in one pass, without the per-block dispatch below
            case F32 -> {
                b.asFloatBuffer().get(out);
                return out;
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = half(b.getShort(2 * i));
                }
                return out;
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
                return out;
            }
            default -> {
            }
        }
        int blocks = count / t.blockSize();
        for (int i = 0; i < blocks; i++) {
            int at = i * t.blockBytes();
            int o = i * t.blockSize();
            switch (t) {
                case Q8_0 -> q8_0(b, at, out, o);
                case Q4_0 -> q4(b, at, out, o, false);
                case Q4_1 -> q4(b, at, out, o, true);
                case Q5_0 -> q5(b, at, out, o, false);
                case Q5_1 -> q5(b, at, out, o, true);
                case Q2_K -> q2k(b, at, out, o);
                case Q3_K -> q3k(b, at, out, o);
                case Q4_K -> q45k(b, at, out, o, false);
                case Q5_K -> q45k(b, at, out, o, true);
                case Q6_K -> q6k(b, at, out, o);
                default -> throw new IllegalArgumentException(t + " is not supported");
            }
        }
        return out;
    }

    /** IEEE half to float, exactly (Java 17 has no Float.float16ToFloat). */
    static float half(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f; // subnormal: mant × 2^-24, exact in float
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    private static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    private static void q8_0(ByteBuffer b, int at, float[] out, int o) {
        float d = half(b.getShort(at));
        for (int j = 0; j < 32; j++) {
            out[o + j] = (float) b.get(at + 2 + j) * d;
        }
    }

    /** Q4_0: d · (q − 8); Q4_1: d · q + m. Low nibbles are values 0..15, high nibbles 16..31. */
    private static void q4(ByteBuffer b, int at, float[] out, int o, boolean withMin) {
        float d = half(b.getShort(at));
        float m = withMin ? half(b.getShort(at + 2)) : 0;
        int qs = at + (withMin ? 4 : 2);
        for (int j = 0; j < 16; j++) {
            int x = u8(b, qs + j);
            int lo = x & 0xF, hi = x >> 4;
            out[o + j] = withMin ? d * lo + m : d * (lo - 8);
            out[o + j + 16] = withMin ? d * hi + m : d * (hi - 8);
        }
    }

    /** Q5_0 / Q5_1: a nibble plus bit i of the 32-bit qh as the fifth bit. */
    private static void q5(ByteBuffer b, int at, float[] out, int o, boolean withMin) {
        float d = half(b.getShort(at));
        float m = withMin ? half(b.getShort(at + 2)) : 0;
        int hAt = at + (withMin ? 4 : 2);
        int qh = b.getInt(hAt);
        int qs = hAt + 4;
        for (int i = 0; i < 32; i++) {
            int ql = i < 16 ? u8(b, qs + i) & 0xF : u8(b, qs + i - 16) >> 4;
            int q = ql | (((qh >>> i) & 1) << 4);
            out[o + i] = withMin ? d * q + m : d * (q - 16);
        }
    }

    /** Q2_K: scales[16] (low nibble scale, high nibble min), qs[64] of 2-bit values, d, dmin. */
    private static void q2k(ByteBuffer b, int at, float[] out, int o) {
        int scales = at, qs = at + 16;
        float d = half(b.getShort(at + 80));
        float dmin = half(b.getShort(at + 82));
        for (int h = 0; h < 2; h++) {
            for (int s = 0; s < 4; s++) {
                for (int l = 0; l < 32; l++) {
                    int idx = h * 128 + s * 32 + l;
                    int g = idx / 16;
                    int sc = u8(b, scales + g);
                    float dl = d * (sc & 0xF);
                    float ml = dmin * (sc >> 4);
                    int q = (u8(b, qs + h * 32 + l) >> (2 * s)) & 3;
                    out[o + idx] = dl * q - ml;
                }
            }
        }
    }

    /** Q3_K: hmask[32], qs[64] (2 low bits), 12 bytes of packed 6-bit scales, d. */
    private static void q3k(ByteBuffer b, int at, float[] out, int o) {
        int hmask = at, qs = at + 32, sc = at + 96;
        float d = half(b.getShort(at + 108));
        float[] dl = new float[16];
        for (int k = 0; k < 16; k++) {
            int low = k < 8 ? u8(b, sc + k) & 0xF : u8(b, sc + k - 8) >> 4;
            int high = (u8(b, sc + 8 + (k % 4)) >> (2 * (k / 4))) & 3;
            dl[k] = d * (float) ((byte) (low | (high << 4)) - 32);
        }
        for (int h = 0; h < 2; h++) {
            for (int s = 0; s < 4; s++) {
                for (int l = 0; l < 32; l++) {
                    int idx = h * 128 + s * 32 + l;
                    int ql = (u8(b, qs + h * 32 + l) >> (2 * s)) & 3;
                    int bit = (u8(b, hmask + l) >> (idx / 32)) & 1;
                    int q = ql - ((bit ^ 1) << 2);
                    out[o + idx] = dl[idx / 16] * q;
                }
            }
        }
    }

    /** Q4_K / Q5_K: d, dmin, 12 bytes of 6-bit scales and mins for 8 sub-blocks of 32, (qh[32],) qs[128]. */
    private static void q45k(ByteBuffer b, int at, float[] out, int o, boolean fifthBit) {
        float d = half(b.getShort(at));
        float dmin = half(b.getShort(at + 2));
        int s = at + 4;
        int qh = at + 16;
        int qs = fifthBit ? at + 48 : at + 16;
        for (int j = 0; j < 8; j++) {
            int sc = j < 4 ? u8(b, s + j) & 63 : (u8(b, s + 8 + j - 4) & 0xF) | ((u8(b, s + j - 4) >> 2) & 0x30);
            int mn = j < 4 ? u8(b, s + 4 + j) & 63 : (u8(b, s + 8 + j - 4) >> 4) | ((u8(b, s + 4 + j - 4) >> 2) & 0x30);
            float dj = d * sc;
            float mj = dmin * mn;
            int c = j / 2, half = j % 2;
            for (int l = 0; l < 32; l++) {
                int q = (u8(b, qs + c * 32 + l) >> (4 * half)) & 0xF;
                if (fifthBit) {
                    q |= ((u8(b, qh + l) >> j) & 1) << 4;
                }
                out[o + j * 32 + l] = dj * q - mj;
            }
        }
    }

    /** Q6_K: ql[128] (4 low bits), qh[64] (2 high bits), int8 scales[16], d. */
    private static void q6k(ByteBuffer b, int at, float[] out, int o) {
        int ql = at, qh = at + 128, sc = at + 192;
        float d = half(b.getShort(at + 208));
        for (int h = 0; h < 2; h++) {
            for (int s = 0; s < 4; s++) {
                for (int l = 0; l < 32; l++) {
                    int idx = h * 128 + s * 32 + l;
                    // ql: [h][half][64]: index h·128 + half·64 + l'
                    int within = idx - h * 128;
                    int lowHalf = within / 64, l64 = within % 64;
                    int low = (u8(b, ql + h * 64 + l64) >> (4 * lowHalf)) & 0xF;
                    int high = (u8(b, qh + h * 32 + l) >> (2 * s)) & 3;
                    int q = (low | (high << 4)) - 32;
                    float dg = d * (float) b.get(sc + idx / 16);
                    out[o + idx] = dg * q;
                }
            }
        }
    }
}
