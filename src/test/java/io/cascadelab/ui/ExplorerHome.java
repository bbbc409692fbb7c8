package io.cascadelab.ui;

import io.cascadelab.util.AppPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The home folder the explorer tests run in: the project itself when the embedded family
 * (models/kjv) has been trained, otherwise a temporary home whose models/kjv is assembled from the
 * golden fixtures (random Llama models sharing one tokenizer: a copy of the target as the larger
 * drafter, whose drafts are always accepted, and a different small model, whose drafts mostly are
 * not), so the window can be tested before the embedded family exists.
 */
final class ExplorerHome {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();

    private ExplorerHome() {
    }

    /** True when the tests use the real embedded family. */
    static boolean embeddedFamilyPresent() {
        return Files.isRegularFile(AppPaths.embeddedFamily().resolve("target").resolve("config.json"));
    }

    /** Sets {@code cascadelab.home} for the window under test; returns the previous value (may be null). */
    static String use() throws IOException {
        String previous = System.getProperty(AppPaths.HOME_PROPERTY);
        if (embeddedFamilyPresent()) {
            return previous;
        }
        Path home = Files.createTempDirectory("cascadelab-home");
        Path family = Files.createDirectories(home.resolve(AppPaths.EMBEDDED_FAMILY));
        Files.createSymbolicLink(family.resolve("target"), FIXTURES.resolve("llama-gqa-rope3"));
        Files.createSymbolicLink(family.resolve("draft-a"), FIXTURES.resolve("llama-gqa-rope3"));
        Files.createSymbolicLink(family.resolve("draft-b"), FIXTURES.resolve("llama-headdim"));
        Files.createSymbolicLink(home.resolve("sample-prompts"), AppPaths.samplePrompts());
        System.setProperty(AppPaths.HOME_PROPERTY, home.toString());
        return previous;
    }

    /** Sets {@code cascadelab.home} to a home with sample prompts and no model family; returns the previous value. */
    static String useEmpty() throws IOException {
        String previous = System.getProperty(AppPaths.HOME_PROPERTY);
        Path home = Files.createTempDirectory("cascadelab-empty-home");
        Files.createSymbolicLink(home.resolve("sample-prompts"), AppPaths.samplePrompts());
        System.setProperty(AppPaths.HOME_PROPERTY, home.toString());
        return previous;
    }

    static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(AppPaths.HOME_PROPERTY);
        } else {
            System.setProperty(AppPaths.HOME_PROPERTY, previous);
        }
    }
}
