package io.cascadelab.model;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/** Floating-point dtypes CascadeLab reads from safetensors, each widened to F32 in Java. */
public enum TensorDType {
    F32(4) {
        @Override
        void widen(ByteBuffer src, ByteBuffer out, int n) {
            out.asFloatBuffer().put(src.asFloatBuffer());
        }
    },
    F16(2) {
        @Override
        void widen(ByteBuffer src, ByteBuffer out, int n) {
            widenHalves(src, out, n, false);
        }
    },
    BF16(2) {
        @Override
        void widen(ByteBuffer src, ByteBuffer out, int n) {
            widenHalves(src, out, n, true);
        }
    };

    /** Elements converted per bulk copy. */
    private static final int CHUNK = 1 << 16;

    /**
     * Widens 16-bit floats to F32 bits in chunks, with bulk copies on both sides (element-wise buffer
     * access made a 0.5B model's load take seconds). bf16 is the top half of an f32: a shift, exact.
     */
    private static void widenHalves(ByteBuffer src, ByteBuffer out, int n, boolean brain) {
        ShortBuffer in = src.asShortBuffer();
        IntBuffer dst = out.asIntBuffer();
        short[] half = new short[Math.min(n, CHUNK)];
        int[] wide = new int[half.length];
        for (int done = 0; done < n; done += half.length) {
            int len = Math.min(half.length, n - done);
            in.get(half, 0, len);
            if (brain) {
                for (int i = 0; i < len; i++) {
                    wide[i] = half[i] << 16;
                }
            } else {
                for (int i = 0; i < len; i++) {
                    wide[i] = Float.floatToRawIntBits(halfToFloat(half[i]));
                }
            }
            dst.put(wide, 0, len);
        }
    }

    private final int bytes;

    TensorDType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element in the file. */
    public int bytes() {
        return bytes;
    }

    /** Widens {@code n} elements of {@code src} (little-endian file bytes) into {@code out} (native order) as F32. */
    abstract void widen(ByteBuffer src, ByteBuffer out, int n);

    /** Parses a safetensors dtype name, with a message naming the file and tensor otherwise. */
    static TensorDType parse(String name, Path file, String tensor) {
        return switch (name) {
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            default -> throw new ModelLoadException(file + ": tensor '" + tensor + "' has dtype " + name
                    + ", which CascadeLab cannot load (supported: F32, F16, BF16). "
                    + "Convert the checkpoint, e.g. model.to(torch.float16).save_pretrained(...)");
        };
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal: value = mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Float to IEEE half, round to nearest even (used when writing fp16 checkpoints). */
    public static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
