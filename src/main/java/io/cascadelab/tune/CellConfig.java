package io.cascadelab.tune;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.KPolicy;
import io.cascadelab.decode.MethodSpec;

import java.util.Locale;

/** A method as plain values, so sweep files can name it and the explorer can load it back. */
public record CellConfig(String method, int k, double lenience, int depth, String kMatrix, String sdDrafter,
                         String policy, String fastPath) {

    /** The values of {@code spec}; the k-matrix only when explicit. */
    public static CellConfig of(MethodSpec spec) {
        return new CellConfig(spec.method().name().toLowerCase(Locale.ROOT), spec.k(), spec.lenience(), spec.depth(),
                spec.kOverride() == null ? "" : spec.kOverride().format(), spec.sdDrafter() == null ? "" : spec.sdDrafter(),
                spec.policy().label(), spec.fastPath().toString());
    }

    /** The method these values describe. */
    public MethodSpec toSpec() {
        return new MethodSpec(MethodSpec.Method.parse(method), k, lenience, depth,
                kMatrix == null || kMatrix.isBlank() ? null : KMatrix.parse(kMatrix),
                sdDrafter == null || sdDrafter.isBlank() ? null : sdDrafter, false,
                fastPath == null || fastPath.isBlank() ? CopyFastPath.DEFAULT : CopyFastPath.parse(fastPath), KPolicy.parse(policy));
    }
}
