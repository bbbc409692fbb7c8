package io.cascadelab.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An encoder-decoder family from the T5 fixtures for the trace, view and lab tests: the v1.1 target,
 * a copy of it as the larger drafter (its drafts are the target's own tokens, so Max-Gram's copies it
 * accepts are exactly those the target would accept) and the small v1.1 draft, sharing one tokenizer.
 */
public final class T5Family {

    private static final Path T5 = Path.of("src/test/resources/fixtures/t5").toAbsolutePath();

    /**
     * A prompt on which the family's greedy output copies from the encoder input: Max-Gram, below the
     * larger drafter, proposes tokens that follow a match in the prompt and the target keeps them.
     */
    public static final String COPYING_PROMPT =
            "The LORD is my shepherd; I shall not want. of movrithereh you saw fowl cattle I upon";

    /** CS Drafting with the larger drafter over Max-Gram (depth 2), lenience 2. */
    public static final MethodSpec CSD = new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 2, null, null);

    private static Path folder;

    private T5Family() {
    }

    /** The family folder (target/, draft-a/, draft-b/ linked to the fixtures), made once per test JVM. */
    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("t5-family");
                Files.createSymbolicLink(dir.resolve("target"), T5.resolve("v11"));
                Files.createSymbolicLink(dir.resolve("draft-a"), T5.resolve("v11"));
                Files.createSymbolicLink(dir.resolve("draft-b"), T5.resolve("v11-draft"));
                folder = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    /** The family, loaded on the CPU. */
    public static ModelFamily load() {
        return ModelFamily.loadFolder(folder(), ai.djl.Device.cpu());
    }
}
