package io.cascadelab.util;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project folder that holds the embedded model family and the sample prompts. */
public final class AppPaths {

    /** System property naming the CascadeLab home folder (set by Maven for runs and tests). */
    public static final String HOME_PROPERTY = "cascadelab.home";

    /** Folder of the embedded default model family, relative to the home folder. */
    public static final String EMBEDDED_FAMILY = "models/kjv";

    /** Folder of the embedded encoder-decoder (T5) family, relative to the home folder. */
    public static final String EMBEDDED_SEQ2SEQ_FAMILY = "models/kjv-t5";

    private AppPaths() {
    }

    /**
     * The home folder: the {@value #HOME_PROPERTY} property, else the folder above
     * {@code target/cascadelab.jar}, else the working directory.
     */
    public static Path home() {
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        Path fromJar = jarHome();
        if (fromJar != null && Files.isDirectory(fromJar.resolve(EMBEDDED_FAMILY))) {
            return fromJar;
        }
        return Path.of("").toAbsolutePath();
    }

    /** The embedded model family folder. */
    public static Path embeddedFamily() {
        return home().resolve(EMBEDDED_FAMILY);
    }

    /** The embedded encoder-decoder family folder. */
    public static Path embeddedSeq2SeqFamily() {
        return home().resolve(EMBEDDED_SEQ2SEQ_FAMILY);
    }

    /** The sample prompt folder. */
    public static Path samplePrompts() {
        return home().resolve("sample-prompts");
    }

    private static Path jarHome() {
        try {
            Path code = Path.of(AppPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/cascadelab.jar or target/classes -> project folder
            Path target = code.getParent();
            return target == null ? null : target.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
